package org.lianxin.web.supervision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.supervision.CaseSupervision;
import org.lianxin.supervision.Evaluation;
import org.lianxin.supervision.EvaluationChannel;
import org.lianxin.supervision.EvaluationDue;
import org.lianxin.supervision.EvaluationResult;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.NewEvaluation;
import org.lianxin.supervision.ReviewOffer;
import org.lianxin.supervision.Trail;
import org.lianxin.web.input.MultiLine;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A matter's trail, the petitioner's evaluation of its replies, and 复查 / 复核. */
@Tag(name = "Supervision")
@RestController
@RequestMapping({"/api/cases", "/api/v1/cases"})
class CaseTrailController {
    private final CaseSupervision cases;
    private final ReplyDocuments documents;

    CaseTrailController(CaseSupervision cases, ReplyDocuments documents) {
        this.cases = cases;
        this.documents = documents;
    }

    record TrailJson(@JsonProperty("case") CaseFile matter, List<InstructionJson> instructions, List<ItemJson> items,
                     List<Evaluation> evaluations, ReviewOffer reviewOffer) {
    }

    record EvaluationRequest(@NotNull EvaluationResult result, @NotNull EvaluationChannel channel,
                             @Size(max = 18) String idNumber, @Size(max = 2000) @MultiLine String note) {
        @Override
        public String toString() { // never print the ID number
            return "EvaluationRequest[" + result + ", " + channel + "]";
        }
    }

    record ReviewRequest(@NotNull @Size(min = 1, max = 2000) @MultiLine String reason, @NotNull ItemKind level) {
    }

    @Operation(summary = "Get a matter's trail: its receptions, instructions, supervision items and evaluations in order")
    @GetMapping("/{caseId}/trail")
    TrailJson trail(Actor actor, @PathVariable long caseId) {
        Trail t = cases.trail(actor, caseId);
        return new TrailJson(t.matter(), t.instructions().stream().map(i -> InstructionJson.of(i, documents)).toList(),
                ItemJson.all(t.items(), documents), t.evaluations(), t.reviewOffer());
    }

    @Operation(summary = "Tell whether the petitioner's evaluation of the matter's reply is due")
    @GetMapping("/{caseId}/evaluation")
    EvaluationDue evaluation(Actor actor, @PathVariable long caseId) {
        return cases.evaluationDue(actor, caseId);
    }

    @Operation(summary = "Record the petitioner's evaluation of the matter's reply")
    @PostMapping("/{caseId}/evaluations")
    ResponseEntity<Evaluation> evaluate(Actor actor, @PathVariable long caseId,
                                        @Valid @RequestBody EvaluationRequest body) {
        Evaluation e = cases.evaluate(actor, caseId, new NewEvaluation(body.result(), body.channel(), body.idNumber(),
                body.note()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/trail")).body(e);
    }

    @Operation(summary = "Request a re-examination (复查) or review (复核) of the matter")
    @PostMapping("/{caseId}/reviews")
    ResponseEntity<ItemJson> review(Actor actor, @PathVariable long caseId, @Valid @RequestBody ReviewRequest body) {
        Item item = cases.requestReview(actor, caseId, body.reason(), body.level());
        return ResponseEntity.created(URI.create("/api/supervision/items/" + item.id()))
                .body(ItemJson.of(item, documents));
    }
}
