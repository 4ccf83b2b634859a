package org.lianxin.supervision;

import java.time.Instant;
import java.util.List;

/** A leader's instruction at a reception, with the items it assigned. */
public record Instruction(long id, long bookingId, long caseId, String text, Instant saidAt, String createdBy,
                          Instant createdAt, List<Item> items) {
    public Instruction {
        items = List.copyOf(items);
    }
}
