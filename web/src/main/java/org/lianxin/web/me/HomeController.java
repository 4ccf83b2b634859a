package org.lianxin.web.me;

import org.lianxin.scheduler.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after login: leaders and officials hold sessions in the console, reviewers review, staff book,
 * evaluators score the matters they were drawn for. */
@Controller
class HomeController {
    @GetMapping("/")
    String home(Actor actor) {
        return switch (actor.role()) {
            case LEADER, OFFICIAL -> "redirect:/console/";
            case REVIEWER -> "redirect:/review/";
            case ADMIN, SCHEDULER -> "redirect:/booking/";
            case EVALUATOR -> "redirect:/evaluation/";
        };
    }
}
