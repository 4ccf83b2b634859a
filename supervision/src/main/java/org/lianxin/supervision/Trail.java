package org.lianxin.supervision;

import java.util.List;
import org.lianxin.scheduler.CaseFile;

/** Everything that followed a matter's receptions: instructions, items, evaluations, and a review still open to ask. */
public record Trail(CaseFile matter, List<Instruction> instructions, List<Item> items, List<Evaluation> evaluations,
                    ReviewOffer reviewOffer) {
    public Trail {
        instructions = List.copyOf(instructions);
        items = List.copyOf(items);
        evaluations = List.copyOf(evaluations);
    }
}
