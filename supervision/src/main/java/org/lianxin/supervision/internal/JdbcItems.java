package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Office;
import org.lianxin.supervision.ExtensionState;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ItemPage;
import org.lianxin.supervision.ItemQuery;
import org.lianxin.supervision.Items;
import org.lianxin.supervision.NewOrder;
import org.lianxin.supervision.SupervisionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Items over JDBC. Every act is one transaction: the item's row is locked, the pure {@link ItemWorkflow} decides,
 * the decision is written with its history entry and notices; a refusal writes nothing. Two supervisors accepting
 * the same reply queue on the lock: the second finds the item completed and is refused.
 */
final class JdbcItems implements Items {
    private final TransactionTemplate tx;
    private final ItemRows rows;
    private final ItemQueries queries;
    private final ItemViews views;
    private final Directory directory;
    private final ItemCreation creation;
    private final Matters matters;
    private final Notifier notifier;
    private final Clock clock;

    JdbcItems(TransactionTemplate tx, ItemRows rows, ItemQueries queries, ItemViews views, Directory directory,
              ItemCreation creation, Matters matters, Notifier notifier, Clock clock) {
        this.tx = tx;
        this.rows = rows;
        this.queries = queries;
        this.views = views;
        this.directory = directory;
        this.creation = creation;
        this.matters = matters;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public ItemPage list(Actor actor, ItemQuery query) {
        return page(actor, queries.visible(directory.pathOf(actor), query, clock.instant()));
    }

    @Override
    public ItemPage inbox(Actor actor, ItemQuery query) {
        return page(actor, queries.ofUnit(actor.officeId(), query, clock.instant()));
    }

    private ItemPage page(Actor actor, ItemQueries.Page page) {
        List<Item> items = new ArrayList<>();
        for (ItemRow r : page.rows()) items.add(views.view(actor, r));
        return new ItemPage(page.total(), items);
    }

    @Override
    public Item get(Actor actor, long itemId) {
        return views.view(actor, directory.readable(actor, rows.find(itemId), itemId));
    }

    @Override
    public boolean mayReadAttachment(Actor actor, long documentId) {
        for (long itemId : rows.itemsWithDocument(documentId)) {
            try {
                directory.readable(actor, rows.find(itemId), itemId);
                return true;
            } catch (SupervisionException.NotFound notReadable) {
                // another item may hold the same document
            }
        }
        return false;
    }

    @Override
    public Item sign(Actor actor, long itemId) {
        return act(actor, itemId, new ItemWorkflow.Sign(), null);
    }

    @Override
    public Item progress(Actor actor, long itemId, String text) {
        return act(actor, itemId, new ItemWorkflow.Progress(text), null);
    }

    @Override
    public Item requestExtension(Actor actor, long itemId, int days, String reason) {
        return act(actor, itemId, new ItemWorkflow.RequestExtension(days, reason), null);
    }

    @Override
    public Item decideExtension(Actor actor, long itemId, boolean approve, String note) {
        return act(actor, itemId, new ItemWorkflow.DecideExtension(approve, note), null);
    }

    @Override
    public Item reply(Actor actor, long itemId, String text, String completionReport, List<Long> documentIds) {
        List<Long> documents = documentIds == null ? List.of() : List.copyOf(documentIds);
        if (documents.size() > 20) throw new SupervisionException.Refused("too-many-documents", "at most 20 documents");
        if (documents.stream().distinct().count() != documents.size()) {
            throw new SupervisionException.Refused("document-twice", "a document is attached twice");
        }
        return act(actor, itemId, new ItemWorkflow.Reply(text, completionReport), documents);
    }

    @Override
    public Item accept(Actor actor, long itemId, String note) {
        return act(actor, itemId, new ItemWorkflow.Accept(note), null);
    }

    @Override
    public Item returnForRedo(Actor actor, long itemId, String reason) {
        return act(actor, itemId, new ItemWorkflow.Return(reason), null);
    }

    @Override
    public Item remind(Actor actor, long itemId, String note) {
        return act(actor, itemId, new ItemWorkflow.Remind(note), null);
    }

    private Item act(Actor actor, long itemId, ItemWorkflow.Command command, List<Long> documents) {
        return tx.execute(s -> {
            ItemRow r = directory.readable(actor, rows.lock(itemId), itemId);
            Instant now = clock.instant();
            ItemWorkflow.Decision d = ItemWorkflow.decide(views.state(r), directory.standing(actor, r), command, now);
            if (!rows.update(r.id(), r.version(), d.state(), d.deadline(), Deadlines.dueAt(d.deadline(), r.zone()),
                    now)) {
                throw new SupervisionException.Conflict("item-changed", "the item was changed meanwhile; reload it");
            }
            switch (d.extension()) {
                case REQUESTED:
                    ItemWorkflow.RequestExtension ask = (ItemWorkflow.RequestExtension) command;
                    rows.requestExtension(r.id(), ask.days(), ask.reason().trim(), now, actor.username());
                    break;
                case APPROVED:
                case REFUSED:
                    rows.decideExtension(r.id(), d.extension() == ItemWorkflow.ExtensionChange.APPROVED
                            ? ExtensionState.APPROVED : ExtensionState.REFUSED, actor.username(), now, d.text());
                    break;
                default:
                    break;
            }
            if (command instanceof ItemWorkflow.Reply) {
                ItemWorkflow.Reply reply = (ItemWorkflow.Reply) command;
                rows.reply(r.id(), reply.text().trim(), trim(reply.completionReport()), documents, now,
                        actor.username());
            }
            rows.history(r.id(), now, d.history(), actor.username(), d.text());
            ItemRow after = rows.find(r.id()).orElseThrow();
            for (ItemWorkflow.Notify n : d.notices()) notifier.send(after, n, d.text());
            return views.view(actor, after);
        });
    }

    @Override
    public Item order(Actor actor, NewOrder order) {
        Directory.requireSupervisorRole(actor, "send a supervision order");
        if (order.mode() == null) throw new SupervisionException.Refused("mode-required", "choose how to supervise");
        if (order.reason() == null || order.reason().isBlank()) {
            throw new SupervisionException.Refused("reason-required", "an order needs a reason");
        }
        String reason = order.reason().trim();
        CaseFile matter = matters.visible(actor, order.caseId());
        Office unit = matters.unitInReach(actor, order.unitOfficeId());
        Office supervising = directory.office(actor.officeId());
        if (order.relatedItemId() != null) {
            directory.readable(actor, rows.find(order.relatedItemId()), order.relatedItemId());
        }
        LocalDate today = Deadlines.day(clock.instant(), unit.zone());
        LocalDate deadline = Deadlines.chosenDeadline(order.deadline(), today, today);
        return tx.execute(s -> views.view(actor, creation.open(new ItemCreation.Draft(ItemKind.ORDER, matter, null,
                null, order.relatedItemId(), unit, supervising, today, deadline, true, order.mode(), reason,
                trim(order.requirements()), order.mode().name()), actor.username())));
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
