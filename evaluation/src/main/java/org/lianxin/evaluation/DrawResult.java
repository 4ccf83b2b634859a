package org.lianxin.evaluation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A draw's outcome: the sampled matters in the order drawn, each with its panel of evaluators in the order drawn.
 * {@link #canonical()} is the text stored and compared when a draw is verified.
 */
public record DrawResult(List<Panel> panels) {

    public DrawResult {
        panels = List.copyOf(panels);
    }

    /** One sampled matter and the evaluators drawn to score it. */
    public record Panel(long matterId, List<Long> evaluatorIds) {
        public Panel {
            evaluatorIds = List.copyOf(evaluatorIds);
        }
    }

    public List<Long> sample() {
        return panels.stream().map(Panel::matterId).toList();
    }

    /** One line per sampled matter, in drawn order: {@code <matterId>:<evaluatorId>,<evaluatorId>,<evaluatorId>}. */
    public String canonical() {
        return panels.stream().map(p -> p.matterId() + ":"
                + p.evaluatorIds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n")
                .collect(Collectors.joining());
    }
}
