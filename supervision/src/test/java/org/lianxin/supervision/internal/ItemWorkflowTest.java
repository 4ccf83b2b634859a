package org.lianxin.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianxin.supervision.ItemState.COMPLETED;
import static org.lianxin.supervision.ItemState.IN_PROGRESS;
import static org.lianxin.supervision.ItemState.PENDING_SIGN;
import static org.lianxin.supervision.ItemState.REPLIED;
import static org.lianxin.supervision.ItemState.RETURNED;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lianxin.supervision.Action;
import org.lianxin.supervision.ExtensionState;
import org.lianxin.supervision.HistoryKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionException;
import org.lianxin.supervision.internal.ItemWorkflow.Audience;
import org.lianxin.supervision.internal.ItemWorkflow.Command;
import org.lianxin.supervision.internal.ItemWorkflow.Decision;
import org.lianxin.supervision.internal.ItemWorkflow.ExtensionChange;
import org.lianxin.supervision.internal.ItemWorkflow.Standing;
import org.lianxin.supervision.internal.ItemWorkflow.State;

/** Every transition and every refusal of an item's workflow, without I/O. */
class ItemWorkflowTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DEADLINE = LocalDate.of(2027, 1, 1);
    /** Well before the deadline. */
    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    /** The deadline day ends at 2027-01-01T15:59:59.999Z in Shanghai. */
    static final Instant AFTER_DUE = Instant.parse("2027-01-01T16:00:00Z");

    static State state(ItemState s) {
        return new State(s, DEADLINE, SHANGHAI, true, null, 0);
    }

    static State withExtension(ItemState s, ExtensionState e, int days) {
        return new State(s, DEADLINE, SHANGHAI, true, e, days);
    }

    static Arguments ok(State from, Standing who, Command c, ItemState to, LocalDate deadline, ExtensionChange ext,
                        HistoryKind history, List<ItemWorkflow.Notify> notices) {
        return Arguments.of(from, who, c, to, deadline, ext, history, notices);
    }

    static ItemWorkflow.Notify notify(NoticeKind kind, Audience to) {
        return new ItemWorkflow.Notify(kind, to);
    }

    static Stream<Arguments> transitions() {
        Standing unit = Standing.UNIT, sup = Standing.SUPERVISOR;
        return Stream.of(
                ok(state(PENDING_SIGN), unit, new ItemWorkflow.Sign(), IN_PROGRESS, DEADLINE, ExtensionChange.NONE,
                        HistoryKind.SIGNED, List.of()),
                ok(state(IN_PROGRESS), unit, new ItemWorkflow.Progress("走访了当事人"), IN_PROGRESS, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.PROGRESS, List.of()),
                ok(state(RETURNED), unit, new ItemWorkflow.Progress("重新核查"), RETURNED, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.PROGRESS, List.of()),
                ok(state(IN_PROGRESS), unit, new ItemWorkflow.RequestExtension(30, "需要鉴定"), IN_PROGRESS, DEADLINE,
                        ExtensionChange.REQUESTED, HistoryKind.EXTENSION_REQUESTED,
                        List.of(notify(NoticeKind.EXTENSION_REQUESTED, Audience.SUPERVISOR))),
                ok(withExtension(IN_PROGRESS, ExtensionState.PENDING, 20), sup,
                        new ItemWorkflow.DecideExtension(true, "同意"), IN_PROGRESS, DEADLINE.plusDays(20),
                        ExtensionChange.APPROVED, HistoryKind.EXTENSION_APPROVED,
                        List.of(notify(NoticeKind.EXTENSION_DECIDED, Audience.UNIT))),
                ok(withExtension(IN_PROGRESS, ExtensionState.PENDING, 20), sup,
                        new ItemWorkflow.DecideExtension(false, "理由不足"), IN_PROGRESS, DEADLINE,
                        ExtensionChange.REFUSED, HistoryKind.EXTENSION_REFUSED,
                        List.of(notify(NoticeKind.EXTENSION_DECIDED, Audience.UNIT))),
                ok(state(IN_PROGRESS), unit, new ItemWorkflow.Reply("已答复", "办结报告"), REPLIED, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.REPLIED, List.of(notify(NoticeKind.REPLIED,
                                Audience.SUPERVISOR))),
                ok(state(RETURNED), unit, new ItemWorkflow.Reply("重新答复", "报告"), REPLIED, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.REPLIED, List.of(notify(NoticeKind.REPLIED,
                                Audience.SUPERVISOR))),
                ok(state(REPLIED), sup, new ItemWorkflow.Accept(null), COMPLETED, DEADLINE, ExtensionChange.NONE,
                        HistoryKind.ACCEPTED, List.of(notify(NoticeKind.ACCEPTED, Audience.UNIT))),
                ok(state(REPLIED), sup, new ItemWorkflow.Return("答复不完整"), RETURNED, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.RETURNED, List.of(notify(NoticeKind.RETURNED,
                                Audience.UNIT))),
                ok(state(PENDING_SIGN), sup, new ItemWorkflow.Remind("请尽快签收"), PENDING_SIGN, DEADLINE,
                        ExtensionChange.NONE, HistoryKind.REMINDED, List.of(notify(NoticeKind.DEADLINE_NEAR,
                                Audience.UNIT))),
                ok(state(IN_PROGRESS), new Standing(true, true), new ItemWorkflow.Remind(null), IN_PROGRESS,
                        DEADLINE, ExtensionChange.NONE, HistoryKind.REMINDED, List.of(notify(NoticeKind.DEADLINE_NEAR,
                                Audience.UNIT))));
    }

    @ParameterizedTest
    @MethodSource("transitions")
    void eachAllowedCommandMovesTheItemOnAndSaysWhoToTell(State from, Standing who, Command c, ItemState to,
                                                         LocalDate deadline, ExtensionChange ext, HistoryKind history,
                                                         List<ItemWorkflow.Notify> notices) {
        Decision d = ItemWorkflow.decide(from, who, c, NOW);
        assertThat(d.state()).isEqualTo(to);
        assertThat(d.deadline()).isEqualTo(deadline);
        assertThat(d.extension()).isEqualTo(ext);
        assertThat(d.history()).isEqualTo(history);
        assertThat(d.notices()).isEqualTo(notices);
        assertThat(ItemWorkflow.allowed(from, who, NOW)).contains(c.action());
    }

    static Stream<Arguments> refusals() {
        Standing unit = Standing.UNIT, sup = Standing.SUPERVISOR, reader = Standing.READER;
        return Stream.of(
                Arguments.of("sign by a supervisor", state(PENDING_SIGN), sup, new ItemWorkflow.Sign(), NOW,
                        "out-of-jurisdiction"),
                Arguments.of("sign by a reader", state(PENDING_SIGN), reader, new ItemWorkflow.Sign(), NOW,
                        "out-of-jurisdiction"),
                Arguments.of("accept by the unit", state(REPLIED), unit, new ItemWorkflow.Accept(null), NOW,
                        "out-of-jurisdiction"),
                Arguments.of("remind by the unit", state(IN_PROGRESS), unit, new ItemWorkflow.Remind(null), NOW,
                        "out-of-jurisdiction"),
                Arguments.of("decide an extension by the unit", withExtension(IN_PROGRESS, ExtensionState.PENDING, 5),
                        unit, new ItemWorkflow.DecideExtension(true, null), NOW, "out-of-jurisdiction"),
                Arguments.of("sign twice", state(IN_PROGRESS), unit, new ItemWorkflow.Sign(), NOW, "already-signed"),
                Arguments.of("reply before sign", state(PENDING_SIGN), unit, new ItemWorkflow.Reply("x", "y"), NOW,
                        "sign-first"),
                Arguments.of("progress before sign", state(PENDING_SIGN), unit, new ItemWorkflow.Progress("x"), NOW,
                        "sign-first"),
                Arguments.of("extension before sign", state(PENDING_SIGN), unit,
                        new ItemWorkflow.RequestExtension(5, "r"), NOW, "sign-first"),
                Arguments.of("reply twice", state(REPLIED), unit, new ItemWorkflow.Reply("x", "y"), NOW,
                        "already-replied"),
                Arguments.of("progress after the reply", state(REPLIED), unit, new ItemWorkflow.Progress("x"), NOW,
                        "already-replied"),
                Arguments.of("a reply without text", state(IN_PROGRESS), unit, new ItemWorkflow.Reply(" ", "y"), NOW,
                        "text-required"),
                Arguments.of("a reply without the required report", state(IN_PROGRESS), unit,
                        new ItemWorkflow.Reply("x", null), NOW, "completion-report-required"),
                Arguments.of("a progress note without text", state(IN_PROGRESS), unit,
                        new ItemWorkflow.Progress(null), NOW, "text-required"),
                Arguments.of("a second extension", withExtension(IN_PROGRESS, ExtensionState.APPROVED, 10), unit,
                        new ItemWorkflow.RequestExtension(5, "again"), NOW, "extension-already-requested"),
                Arguments.of("another extension after a refusal", withExtension(IN_PROGRESS, ExtensionState.REFUSED,
                        10), unit, new ItemWorkflow.RequestExtension(5, "again"), NOW, "extension-already-requested"),
                Arguments.of("a 31-day extension", state(IN_PROGRESS), unit,
                        new ItemWorkflow.RequestExtension(31, "long"), NOW, "extension-too-long"),
                Arguments.of("a 0-day extension", state(IN_PROGRESS), unit,
                        new ItemWorkflow.RequestExtension(0, "none"), NOW, "extension-invalid"),
                Arguments.of("an extension without a reason", state(IN_PROGRESS), unit,
                        new ItemWorkflow.RequestExtension(10, ""), NOW, "reason-required"),
                Arguments.of("an extension after the deadline", state(IN_PROGRESS), unit,
                        new ItemWorkflow.RequestExtension(10, "late"), AFTER_DUE, "deadline-passed"),
                Arguments.of("decide with nothing pending", state(IN_PROGRESS), sup,
                        new ItemWorkflow.DecideExtension(true, null), NOW, "no-pending-extension"),
                Arguments.of("decide twice", withExtension(IN_PROGRESS, ExtensionState.APPROVED, 10), sup,
                        new ItemWorkflow.DecideExtension(true, null), NOW, "no-pending-extension"),
                Arguments.of("refuse an extension without a reason", withExtension(IN_PROGRESS,
                        ExtensionState.PENDING, 10), sup, new ItemWorkflow.DecideExtension(false, null), NOW,
                        "reason-required"),
                Arguments.of("accept before the reply", state(IN_PROGRESS), sup, new ItemWorkflow.Accept(null), NOW,
                        "not-replied"),
                Arguments.of("return before the reply", state(RETURNED), sup, new ItemWorkflow.Return("x"), NOW,
                        "not-replied"),
                Arguments.of("return without a reason", state(REPLIED), sup, new ItemWorkflow.Return(" "), NOW,
                        "reason-required"),
                Arguments.of("remind a replied item", state(REPLIED), sup, new ItemWorkflow.Remind(null), NOW,
                        "already-replied"),
                Arguments.of("accept a completed item", state(COMPLETED), sup, new ItemWorkflow.Accept(null), NOW,
                        "item-completed"),
                Arguments.of("reply to a completed item", state(COMPLETED), unit, new ItemWorkflow.Reply("x", "y"),
                        NOW, "item-completed"),
                Arguments.of("remind a completed item", state(COMPLETED), sup, new ItemWorkflow.Remind(null), NOW,
                        "item-completed"),
                Arguments.of("progress on a completed item", state(COMPLETED), unit, new ItemWorkflow.Progress("x"),
                        NOW, "item-completed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedCommandsNameTheirRule(String what, State from, Standing who, Command c, Instant now, String rule) {
        assertThatThrownBy(() -> ItemWorkflow.decide(from, who, c, now)).isInstanceOf(SupervisionException.class)
                .extracting(e -> ((SupervisionException) e).rule()).isEqualTo(rule);
    }

    @Test
    void forbiddenActsAreForbiddenNotRuleViolations() {
        assertThatThrownBy(() -> ItemWorkflow.decide(state(REPLIED), Standing.UNIT, new ItemWorkflow.Accept(null),
                NOW)).isInstanceOf(SupervisionException.Forbidden.class);
    }

    @Test
    void theAllowedListFollowsStateAndStanding() {
        assertThat(ItemWorkflow.allowed(state(PENDING_SIGN), Standing.UNIT, NOW)).containsExactly(Action.SIGN);
        assertThat(ItemWorkflow.allowed(state(IN_PROGRESS), Standing.UNIT, NOW))
                .containsExactly(Action.PROGRESS, Action.EXTENSION, Action.REPLY);
        assertThat(ItemWorkflow.allowed(state(IN_PROGRESS), Standing.UNIT, AFTER_DUE))
                .containsExactly(Action.PROGRESS, Action.REPLY);
        assertThat(ItemWorkflow.allowed(state(REPLIED), Standing.SUPERVISOR, NOW))
                .containsExactly(Action.ACCEPT, Action.RETURN);
        assertThat(ItemWorkflow.allowed(withExtension(IN_PROGRESS, ExtensionState.PENDING, 3), Standing.SUPERVISOR,
                NOW)).containsExactly(Action.DECIDE_EXTENSION, Action.REMIND);
        assertThat(ItemWorkflow.allowed(state(COMPLETED), new Standing(true, true), NOW)).isEmpty();
        assertThat(ItemWorkflow.allowed(state(IN_PROGRESS), Standing.READER, NOW)).isEmpty();
    }
}
