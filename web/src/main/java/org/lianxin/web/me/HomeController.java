package org.lianxin.web.me;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.lianxin.scheduler.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after login: leaders and officials hold sessions in the console, reviewers review, staff book,
 * evaluators score the matters they were drawn for. */
@Hidden
@Tag(name = "Session")
@Controller
class HomeController {
    @Operation(summary = "Redirect to the caller's start page for their role")
    @GetMapping("/")
    String home(Actor actor) {
        return switch (actor.role()) {
            case LEADER, OFFICIAL -> "redirect:/console/";
            case REVIEWER -> "redirect:/review/";
            case ADMIN, SCHEDULER -> "redirect:/booking/";
            case EVALUATOR -> "redirect:/evaluation/";
            case AUDITOR -> "redirect:/audit/";
            case SECURITY_ADMIN -> "redirect:/users/";
        };
    }
}
