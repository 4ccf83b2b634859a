package org.lianxin.web.supervision;

import java.time.Instant;
import java.util.List;

import org.lianxin.supervision.Instruction;

/** An instruction as the REST API shows it, with its items. */
record InstructionJson(long id, long bookingId, long caseId, String text, Instant saidAt, String createdBy,
                       Instant createdAt, List<ItemJson> items) {
    static InstructionJson of(Instruction i, ReplyDocuments documents) {
        return new InstructionJson(i.id(), i.bookingId(), i.caseId(), i.text(), i.saidAt(), i.createdBy(),
                i.createdAt(), ItemJson.all(i.items(), documents));
    }
}
