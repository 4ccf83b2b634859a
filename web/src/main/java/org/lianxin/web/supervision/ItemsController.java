package org.lianxin.web.supervision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ItemPage;
import org.lianxin.supervision.ItemQuery;
import org.lianxin.supervision.Items;
import org.lianxin.supervision.NewOrder;
import org.lianxin.supervision.OrderMode;
import org.lianxin.web.input.MultiLine;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Supervision items (督办): the workplace list, the unit's inbox, one item, and every act on it. Served under
 * {@code /api/supervision} (the contract's path) and {@code /api/v1/supervision} (the rest of the API's).
 */
@Tag(name = "Supervision")
@RestController
@RequestMapping({"/api/supervision", "/api/v1/supervision"})
class ItemsController {
    private final Items items;
    private final ReplyDocuments documents;

    ItemsController(Items items, ReplyDocuments documents) {
        this.items = items;
        this.documents = documents;
    }

    record Page(long total, List<ItemJson> items) {
    }

    record Progress(@NotNull @Size(min = 1, max = 4000) @MultiLine String text) {
    }

    record ExtensionRequest(@Min(1) @Max(30) int days, @NotNull @Size(min = 1, max = 2000) @MultiLine String reason) {
    }

    record ExtensionDecision(@NotNull Boolean approve, @Size(max = 2000) @MultiLine String note) {
    }

    record ReplyRequest(@NotNull @Size(min = 1, max = 8000) @MultiLine String text,
                        @Size(max = 8000) @MultiLine String completionReport,
                        @Size(max = 20) List<Long> documentIds) {
    }

    record Note(@Size(max = 2000) @MultiLine String note) {
    }

    record Reason(@NotNull @Size(min = 1, max = 2000) @MultiLine String reason) {
    }

    record OrderRequest(@NotNull Long caseId, @NotNull Long unitOfficeId, @NotNull OrderMode mode,
                        @NotNull @Size(min = 1, max = 500) @MultiLine String reason,
                        @Size(max = 4000) @MultiLine String requirements,
                        LocalDate deadline, Long relatedItemId) {
    }

    @Operation(summary = "Search supervision items by state, kind, unit or case")
    @GetMapping("/items")
    Page list(Actor actor, @RequestParam(required = false) String state, @RequestParam(required = false) String kind,
              @RequestParam(required = false) Long unitId, @RequestParam(required = false) Long caseId,
              @RequestParam(required = false) @Size(max = 100) String q,
              @RequestParam(required = false) Boolean overdue,
              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
              @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(items.list(actor, new ItemQuery(state, kind(kind), unitId, caseId, q, overdue, limit, offset)));
    }

    @Operation(summary = "List the supervision items waiting for the caller's office")
    @GetMapping("/inbox")
    Page inbox(Actor actor, @RequestParam(required = false) String state,
               @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
               @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return page(items.inbox(actor, new ItemQuery(state, null, null, null, null, null, limit, offset)));
    }

    @Operation(summary = "Get a supervision item with its history")
    @GetMapping("/items/{id}")
    ItemJson get(Actor actor, @PathVariable long id) {
        return json(items.get(actor, id));
    }

    @Operation(summary = "Sign for a supervision item (acknowledge receipt)")
    @PostMapping("/items/{id}/sign")
    ItemJson sign(Actor actor, @PathVariable long id) {
        return json(items.sign(actor, id));
    }

    @Operation(summary = "Report progress on a supervision item")
    @PostMapping("/items/{id}/progress")
    ItemJson progress(Actor actor, @PathVariable long id, @Valid @RequestBody Progress body) {
        return json(items.progress(actor, id, body.text()));
    }

    @Operation(summary = "Ask for more time on a supervision item")
    @PostMapping("/items/{id}/extension")
    ItemJson extension(Actor actor, @PathVariable long id, @Valid @RequestBody ExtensionRequest body) {
        return json(items.requestExtension(actor, id, body.days(), body.reason()));
    }

    @Operation(summary = "Approve or refuse a requested extension")
    @PostMapping("/items/{id}/extension/decision")
    ItemJson decide(Actor actor, @PathVariable long id, @Valid @RequestBody ExtensionDecision body) {
        return json(items.decideExtension(actor, id, body.approve(), body.note()));
    }

    @Operation(summary = "Reply to a supervision item with the result and documents")
    @PostMapping("/items/{id}/reply")
    ItemJson reply(Actor actor, @PathVariable long id, @Valid @RequestBody ReplyRequest body) {
        List<Long> ids = body.documentIds() == null ? List.of() : body.documentIds();
        items.get(actor, id); // 404 before anything is said about the documents
        documents.attach(actor, ids);
        return json(items.reply(actor, id, body.text(), body.completionReport(), ids));
    }

    @Operation(summary = "Accept the reply and close the supervision item")
    @PostMapping("/items/{id}/accept")
    ItemJson accept(Actor actor, @PathVariable long id, @Valid @RequestBody(required = false) Note body) {
        return json(items.accept(actor, id, body == null ? null : body.note()));
    }

    @Operation(summary = "Return the reply for redoing, with the reason")
    @PostMapping("/items/{id}/return")
    ItemJson returnForRedo(Actor actor, @PathVariable long id, @Valid @RequestBody Reason body) {
        return json(items.returnForRedo(actor, id, body.reason()));
    }

    @Operation(summary = "Remind the responsible unit of a supervision item")
    @PostMapping("/items/{id}/remind")
    ItemJson remind(Actor actor, @PathVariable long id, @Valid @RequestBody(required = false) Note body) {
        return json(items.remind(actor, id, body == null ? null : body.note()));
    }

    @Operation(summary = "Order a unit to handle a case (open a supervision item)")
    @PostMapping("/orders")
    ResponseEntity<ItemJson> order(Actor actor, @Valid @RequestBody OrderRequest body) {
        Item item = items.order(actor, new NewOrder(body.caseId(), body.unitOfficeId(), body.mode(), body.reason(),
                body.requirements(), body.deadline(), body.relatedItemId()));
        return ResponseEntity.created(URI.create("/api/supervision/items/" + item.id())).body(json(item));
    }

    private ItemJson json(Item item) {
        return ItemJson.of(item, documents);
    }

    private Page page(ItemPage page) {
        return new Page(page.total(), ItemJson.all(page.items(), documents));
    }

    private static ItemKind kind(String kind) {
        if (kind == null || kind.isBlank()) return null;
        try {
            return ItemKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SupervisionProblem(HttpStatus.BAD_REQUEST, "malformed-request", "no item kind " + kind);
        }
    }
}
