package org.lianxin.web.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.List;
import org.lianxin.evaluation.AssignedMatter;
import org.lianxin.evaluation.Evaluator;
import org.lianxin.evaluation.MaskedMatter;
import org.lianxin.evaluation.NewEvaluator;
import org.lianxin.evaluation.OfficeResult;
import org.lianxin.evaluation.Scores;
import org.lianxin.evaluation.StoredDraw;
import org.lianxin.evaluation.ThirdPartyEvaluation;
import org.lianxin.evaluation.Verification;
import org.lianxin.scheduler.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Third-party evaluation over REST. Administrators: the pool, draws on demand, a draw's record and its re-run, the
 * results. Evaluators (by their login): the matters they were drawn for, masked, and their scores.
 */
@Tag(name = "Evaluation")
@RestController
@RequestMapping({"/api/evaluation", "/api/v1/evaluation"})
class EvaluationController {
    private final ThirdPartyEvaluation evaluation;
    private final EvaluatorLogins logins;

    EvaluationController(ThirdPartyEvaluation evaluation, EvaluatorLogins logins) {
        this.evaluation = evaluation;
        this.logins = logins;
    }

    @Operation(summary = "List the outside evaluators the caller manages")
    @GetMapping("/evaluators")
    List<Evaluator> evaluators(Actor actor) {
        return evaluation.evaluators(actor);
    }

    @Operation(summary = "Register a new outside evaluator")
    @PostMapping("/evaluators")
    ResponseEntity<Evaluator> add(Actor actor, @RequestBody NewEvaluator body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(evaluation.addEvaluator(actor, body));
    }

    record ActiveRequest(boolean active) {
    }

    @Operation(summary = "Enable or disable an evaluator's account")
    @PutMapping("/evaluators/{id}/active")
    Evaluator active(Actor actor, @PathVariable long id, @RequestBody ActiveRequest body) {
        return logins.setActive(actor, id, body.active());
    }

    /** The evaluator's sign-in: a login and a first password, set by the administrator and handed over. */
    record LoginRequest(String username, String password) {
        @Override
        public String toString() { // never the password
            return "LoginRequest[" + username + "]";
        }
    }

    @Operation(summary = "Give an evaluator a login and a first password")
    @PostMapping("/evaluators/{id}/login")
    ResponseEntity<Evaluator> login(Actor actor, @PathVariable long id, @RequestBody LoginRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(logins.create(actor, id, body.username(), body.password()));
    }

    @Operation(summary = "List the month's random draws of matters to evaluate")
    @GetMapping("/draws")
    List<StoredDraw> draws(Actor actor, @RequestParam YearMonth month) {
        return evaluation.draws(actor, month);
    }

    @Operation(summary = "Draw an office's matters to evaluate for a month (reproducible, stored)")
    @PostMapping("/offices/{officeId}/draws/{month}")
    ResponseEntity<StoredDraw> draw(Actor actor, @PathVariable long officeId, @PathVariable YearMonth month) {
        return ResponseEntity.status(HttpStatus.CREATED).body(evaluation.draw(actor, officeId, month));
    }

    @Operation(summary = "Get a stored draw with its seed and drawn matters")
    @GetMapping("/draws/{id}")
    StoredDraw stored(Actor actor, @PathVariable long id) {
        return evaluation.storedDraw(actor, id);
    }

    @Operation(summary = "Recompute a stored draw from its seed and check it is unchanged")
    @PostMapping("/draws/{id}/verify")
    Verification verify(Actor actor, @PathVariable long id) {
        return evaluation.verify(actor, id);
    }

    @Operation(summary = "Get an office's evaluation result for a month")
    @GetMapping("/offices/{officeId}/results")
    OfficeResult result(Actor actor, @PathVariable long officeId, @RequestParam YearMonth month) {
        return evaluation.result(actor, officeId, month);
    }

    @Operation(summary = "List the matters assigned to the calling evaluator")
    @GetMapping("/my/matters")
    List<AssignedMatter> mine(Actor actor) {
        return evaluation.myMatters(actor.username());
    }

    @Operation(summary = "Get an assigned matter with personal data masked")
    @GetMapping("/my/matters/{itemId}")
    MaskedMatter matter(Actor actor, @PathVariable long itemId) {
        return evaluation.matter(actor.username(), itemId);
    }

    @Operation(summary = "Submit the calling evaluator's scores for an assigned matter")
    @PostMapping("/my/matters/{itemId}/scores")
    ResponseEntity<MaskedMatter> score(Actor actor, @PathVariable long itemId, @RequestBody Scores body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(evaluation.score(actor.username(), itemId, body));
    }
}
