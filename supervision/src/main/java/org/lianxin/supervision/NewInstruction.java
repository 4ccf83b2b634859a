package org.lianxin.supervision;

import java.time.Instant;
import java.util.List;

/** A leader's 处理意见 at the end of a reception. @param saidAt null: now */
public record NewInstruction(String text, Instant saidAt, List<NewAssignment> assignments) {
    public NewInstruction {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
