package org.lianxin.supervision;

import java.time.LocalDate;
import java.util.List;

/** What the petitioner is told at the kiosk after the reception. */
public record NextSteps(String caseNumber, List<Step> steps, String instructionText) {
    public NextSteps {
        steps = List.copyOf(steps);
    }

    public record Step(OfficeRef unit, LocalDate deadline, boolean requiresReport) {
    }
}
