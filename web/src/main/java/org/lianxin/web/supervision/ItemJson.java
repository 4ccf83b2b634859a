package org.lianxin.web.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.lianxin.supervision.Action;
import org.lianxin.supervision.Extension;
import org.lianxin.supervision.HistoryEntry;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.OfficeRef;
import org.lianxin.supervision.OrderMode;

/** An item as the REST API shows it: the module's item with its reply's documents described and actions named. */
record ItemJson(long id, String number, ItemKind kind, ItemState state, boolean overdue, long caseId,
                String caseNumber, String caseSubject, String category, Long instructionId, Long bookingId,
                OfficeRef unit, OfficeRef supervisingOffice, OfficeRef escalatedTo, LocalDate acceptedOn,
                LocalDate deadline, Instant dueAt, boolean requiresReport, OrderMode mode, String title,
                String requirements, Long relatedItemId, Extension extension, ReplyJson reply,
                List<HistoryEntry> history, List<String> allowed, int version) {

    record ReplyJson(String text, String completionReport, List<ReplyDocuments.Document> documents, Instant at,
                     String by) {
    }

    static ItemJson of(Item i, ReplyDocuments documents) {
        ReplyJson reply = i.reply() == null ? null : new ReplyJson(i.reply().text(), i.reply().completionReport(),
                documents.describe(i.reply().documentIds()), i.reply().at(), i.reply().by());
        return new ItemJson(i.id(), i.number(), i.kind(), i.state(), i.overdue(), i.caseId(), i.caseNumber(),
                i.caseSubject(), i.category(), i.instructionId(), i.bookingId(), i.unit(), i.supervisingOffice(),
                i.escalatedTo(), i.acceptedOn(), i.deadline(), i.dueAt(), i.requiresReport(), i.mode(), i.title(),
                i.requirements(), i.relatedItemId(), i.extension(), reply, i.history(),
                i.allowed().stream().map(Action::apiName).toList(), i.version());
    }

    static List<ItemJson> all(List<Item> items, ReplyDocuments documents) {
        return items.stream().map(i -> of(i, documents)).toList();
    }
}
