package org.lianxin.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.supervision.Action;
import org.lianxin.supervision.ExtensionState;
import org.lianxin.supervision.HistoryKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionException;

/**
 * The life of a supervision item as a pure function: the item's state, who asks, the command and the time in; the
 * new state, one history entry and the notices to send out — or a refusal naming the rule. No I/O: the adapter
 * ({@link JdbcItems}) loads the state, carries the decision out and commits it in one transaction.
 */
final class ItemWorkflow {
    private ItemWorkflow() {
    }

    /** What the workflow needs to know of an item. @param extension null when none was asked for */
    record State(ItemState state, LocalDate deadline, ZoneId zone, boolean requiresReport, ExtensionState extension,
                 int extensionDays) {
        Instant dueAt() {
            return Deadlines.dueAt(deadline, zone);
        }
    }

    /** Where the user stands to the item: a user of its unit, a supervisor, both or neither (a reader). */
    record Standing(boolean unit, boolean supervisor) {
        static final Standing READER = new Standing(false, false);
        static final Standing UNIT = new Standing(true, false);
        static final Standing SUPERVISOR = new Standing(false, true);
    }

    sealed interface Command {
        Action action();
    }

    record Sign() implements Command {
        public Action action() {
            return Action.SIGN;
        }
    }

    record Progress(String text) implements Command {
        public Action action() {
            return Action.PROGRESS;
        }
    }

    record RequestExtension(int days, String reason) implements Command {
        public Action action() {
            return Action.EXTENSION;
        }
    }

    record DecideExtension(boolean approve, String note) implements Command {
        public Action action() {
            return Action.DECIDE_EXTENSION;
        }
    }

    record Reply(String text, String completionReport) implements Command {
        public Action action() {
            return Action.REPLY;
        }
    }

    record Accept(String note) implements Command {
        public Action action() {
            return Action.ACCEPT;
        }
    }

    record Return(String reason) implements Command {
        public Action action() {
            return Action.RETURN;
        }
    }

    record Remind(String note) implements Command {
        public Action action() {
            return Action.REMIND;
        }
    }

    /** Who hears of a change: the unit, or the supervising office. */
    enum Audience { UNIT, SUPERVISOR }

    record Notify(NoticeKind kind, Audience audience) {
    }

    /** How the extension changes with the decision. */
    enum ExtensionChange { NONE, REQUESTED, APPROVED, REFUSED }

    /** What to do: the new state and deadline, the history entry, the notices. */
    record Decision(ItemState state, LocalDate deadline, ExtensionChange extension, HistoryKind history, String text,
                    List<Notify> notices) {
        Decision {
            notices = List.copyOf(notices);
        }
    }

    /** The actions this user may take now (input not yet known). */
    static List<Action> allowed(State s, Standing who, Instant now) {
        List<Action> allowed = new ArrayList<>();
        for (Action a : Action.values()) {
            if (refusal(s, who, a, now) == null) allowed.add(a);
        }
        return allowed;
    }

    /** @throws SupervisionException.Forbidden or {@link SupervisionException.Refused} naming the rule */
    static Decision decide(State s, Standing who, Command c, Instant now) {
        SupervisionException refused = refusal(s, who, c.action(), now);
        if (refused != null) throw refused;
        if (c instanceof Sign) {
            return new Decision(ItemState.IN_PROGRESS, s.deadline(), ExtensionChange.NONE, HistoryKind.SIGNED, null,
                    List.of());
        } else if (c instanceof Progress p) {
            if (blank(p.text())) throw new SupervisionException.Refused("text-required", "a progress note needs text");
            return new Decision(s.state(), s.deadline(), ExtensionChange.NONE, HistoryKind.PROGRESS, p.text().trim(),
                    List.of());
        } else if (c instanceof RequestExtension r) {
            Deadlines.requireExtensionDays(r.days());
            if (blank(r.reason())) throw new SupervisionException.Refused("reason-required", "an extension needs a reason");
            String reason = r.reason().trim();
            return new Decision(s.state(), s.deadline(), ExtensionChange.REQUESTED, HistoryKind.EXTENSION_REQUESTED,
                    r.days() + " 天 / days: " + reason,
                    List.of(new Notify(NoticeKind.EXTENSION_REQUESTED, Audience.SUPERVISOR)));
        } else if (c instanceof DecideExtension d) {
            if (d.approve()) {
                return new Decision(s.state(), Deadlines.extended(s.deadline(), s.extensionDays()),
                        ExtensionChange.APPROVED, HistoryKind.EXTENSION_APPROVED, trimmed(d.note()),
                        List.of(new Notify(NoticeKind.EXTENSION_DECIDED, Audience.UNIT)));
            }
            if (blank(d.note())) {
                throw new SupervisionException.Refused("reason-required",
                        "a refused extension needs a reason the petitioner is told");
            }
            return new Decision(s.state(), s.deadline(), ExtensionChange.REFUSED, HistoryKind.EXTENSION_REFUSED,
                    d.note().trim(), List.of(new Notify(NoticeKind.EXTENSION_DECIDED, Audience.UNIT)));
        } else if (c instanceof Reply r) {
            if (blank(r.text())) throw new SupervisionException.Refused("text-required", "a reply needs text");
            if (s.requiresReport() && blank(r.completionReport())) {
                throw new SupervisionException.Refused("completion-report-required",
                        "this item requires a completion report (办结报告)");
            }
            return new Decision(ItemState.REPLIED, s.deadline(), ExtensionChange.NONE, HistoryKind.REPLIED, null,
                    List.of(new Notify(NoticeKind.REPLIED, Audience.SUPERVISOR)));
        } else if (c instanceof Accept a) {
            return new Decision(ItemState.COMPLETED, s.deadline(), ExtensionChange.NONE, HistoryKind.ACCEPTED,
                    trimmed(a.note()), List.of(new Notify(NoticeKind.ACCEPTED, Audience.UNIT)));
        } else if (c instanceof Return r) {
            if (blank(r.reason())) {
                throw new SupervisionException.Refused("reason-required", "returning for redo needs a reason");
            }
            return new Decision(ItemState.RETURNED, s.deadline(), ExtensionChange.NONE, HistoryKind.RETURNED,
                    r.reason().trim(), List.of(new Notify(NoticeKind.RETURNED, Audience.UNIT)));
        } else if (c instanceof Remind r) {
            return new Decision(s.state(), s.deadline(), ExtensionChange.NONE, HistoryKind.REMINDED,
                    trimmed(r.note()), List.of(new Notify(NoticeKind.DEADLINE_NEAR, Audience.UNIT)));
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    /** Why {@code who} may not take {@code action} now, or null if it may. */
    static SupervisionException refusal(State s, Standing who, Action action, Instant now) {
        if (action.byUnit() && !who.unit()) {
            return new SupervisionException.Forbidden("only the unit the item is assigned to may " + action.apiName());
        }
        if (!action.byUnit() && !who.supervisor()) {
            return new SupervisionException.Forbidden("only the supervising office may " + action.apiName());
        }
        if (s.state() == ItemState.COMPLETED) {
            return new SupervisionException.Refused("item-completed", "the item is completed (已办结)");
        }
        switch (action) {
            case SIGN:
                return s.state() == ItemState.PENDING_SIGN ? null : new SupervisionException.Refused("already-signed", "already signed for");
            case PROGRESS:
                return unitAtWork(s);
            case EXTENSION:
                SupervisionException e = unitAtWork(s);
                if (e != null) return e;
                if (s.extension() != null) {
                    return new SupervisionException.Refused("extension-already-requested", "the one extension was already requested");
                }
                return Deadlines.overdue(s.dueAt(), now)
                        ? new SupervisionException.Refused("deadline-passed", "the deadline " + s.deadline() + " has passed") : null;
            case REPLY:
                return unitAtWork(s);
            case DECIDE_EXTENSION:
                return s.extension() == ExtensionState.PENDING ? null
                        : new SupervisionException.Refused("no-pending-extension", "no extension request is waiting for a decision");
            case ACCEPT:
            case RETURN:
                return s.state() == ItemState.REPLIED ? null : new SupervisionException.Refused("not-replied", "the unit has not replied yet");
            case REMIND:
                return s.state() == ItemState.REPLIED ? new SupervisionException.Refused("already-replied", "the unit has replied") : null;
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
    }

    private static SupervisionException unitAtWork(State s) {
        if (s.state() == ItemState.PENDING_SIGN) return new SupervisionException.Refused("sign-first", "sign for the item (签收) first");
        if (s.state() == ItemState.REPLIED) return new SupervisionException.Refused("already-replied", "the item was replied to");
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.trim();
    }
}
