package org.lianxin.web.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.problem.Problems;
import org.lianxin.webhooks.AttemptEntry;
import org.lianxin.webhooks.DeliveryEntry;
import org.lianxin.webhooks.DeliveryState;
import org.lianxin.webhooks.Endpoint;
import org.lianxin.webhooks.EndpointDraft;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.NewSecret;
import org.lianxin.webhooks.Webhooks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints and their delivery log, for administrators (ADMIN): an administrator manages the endpoints of
 * their own office and sees (and manages) those of the offices below it — the province's administrators set up the
 * provincial petition information system, a city's its own. Secrets are shown in full only in the answer that made
 * them (create, rotate); afterwards masked.
 */
@Tag(name = "Webhooks")
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhooksController {
    private final Webhooks webhooks;
    private final Offices offices;

    WebhooksController(Webhooks webhooks, Offices offices) {
        this.webhooks = webhooks;
        this.offices = offices;
    }

    /** What an administrator sends to add or change an endpoint; {@code officeId} (create only) defaults to theirs. */
    record EndpointRequest(Long officeId, String url, String description, List<String> eventTypes, Boolean enabled) {
    }

    /** An endpoint with its secret: the only answer that shows it. */
    record EndpointWithSecret(Endpoint endpoint, String secret) {
        static EndpointWithSecret of(NewSecret s) {
            return new EndpointWithSecret(s.endpoint(), s.secret().reveal());
        }
    }

    /** An event type: its wire name. */
    record EventTypeJson(String name) {
    }

    @Operation(summary = "List the event types an endpoint can subscribe to")
    @GetMapping("/event-types")
    List<EventTypeJson> eventTypes(Actor actor) {
        scope(actor);
        return Arrays.stream(EventType.values()).map(t -> new EventTypeJson(t.wireName())).toList();
    }

    @Operation(summary = "List the webhook endpoints in the caller's scope")
    @GetMapping("/endpoints")
    List<Endpoint> endpoints(Actor actor) {
        return webhooks.endpoints(scope(actor));
    }

    @Operation(summary = "Register a webhook endpoint; the answer shows its signing secret once")
    @PostMapping("/endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    EndpointWithSecret create(Actor actor, @RequestBody EndpointRequest request) {
        List<Long> scope = scope(actor);
        long officeId = request.officeId() == null ? actor.officeId() : request.officeId();
        if (!scope.contains(officeId)) {
            throw new WebhooksProblem(Problems.of(HttpStatus.FORBIDDEN, "webhook-office-out-of-reach",
                    "officeId: office " + officeId + " is not yours or below yours"));
        }
        return EndpointWithSecret.of(webhooks.create(officeId, draft(request)));
    }

    @Operation(summary = "Get a webhook endpoint")
    @GetMapping("/endpoints/{id}")
    Endpoint endpoint(Actor actor, @PathVariable long id) {
        return webhooks.endpoint(id, scope(actor)).orElseThrow(() -> new org.lianxin.webhooks.WebhookException
                .EndpointNotFound(id));
    }

    @Operation(summary = "Change a webhook endpoint's URL, subscriptions or state")
    @PutMapping("/endpoints/{id}")
    Endpoint update(Actor actor, @PathVariable long id, @RequestBody EndpointRequest request) {
        return webhooks.update(id, draft(request), scope(actor));
    }

    @Operation(summary = "Give an endpoint a new signing secret; the old ones keep signing for a grace period")
    @PostMapping("/endpoints/{id}/rotate-secret")
    EndpointWithSecret rotate(Actor actor, @PathVariable long id) {
        return EndpointWithSecret.of(webhooks.rotateSecret(id, scope(actor)));
    }

    @Operation(summary = "Delete a webhook endpoint")
    @DeleteMapping("/endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        webhooks.delete(id, scope(actor));
    }

    @Operation(summary = "List an endpoint's deliveries, optionally by state")
    @GetMapping("/endpoints/{id}/deliveries")
    List<DeliveryEntry> deliveries(Actor actor, @PathVariable long id, @RequestParam(required = false) String state,
                                   @RequestParam(defaultValue = "100") int limit) {
        List<Long> scope = scope(actor);
        if (limit < 1 || limit > 1000) {
            throw new WebhooksProblem(Problems.of(HttpStatus.BAD_REQUEST, "limit-out-of-range",
                    "limit: 1..1000, was " + limit));
        }
        DeliveryState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = DeliveryState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new WebhooksProblem(Problems.of(HttpStatus.BAD_REQUEST, "webhook-invalid-state",
                        "state: PENDING, DELIVERED or FAILED, was " + state));
            }
        }
        return webhooks.deliveries(id, scope, s, limit);
    }

    @Operation(summary = "List the attempts of one delivery with their answers")
    @GetMapping("/deliveries/{id}/attempts")
    List<AttemptEntry> attempts(Actor actor, @PathVariable long id) {
        return webhooks.attempts(id, scope(actor));
    }

    @Operation(summary = "Send a delivered or failed delivery again with the same message id")
    @PostMapping("/deliveries/{id}/resend")
    DeliveryEntry resend(Actor actor, @PathVariable long id) {
        return webhooks.resend(id, scope(actor));
    }

    private EndpointDraft draft(EndpointRequest r) {
        if (r == null || r.url() == null || r.url().isBlank()) {
            throw new org.lianxin.webhooks.WebhookException.InvalidEndpoint("url", "required");
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : r.eventTypes() == null ? List.<String>of() : r.eventTypes()) {
            types.add(EventType.ofWireName(name == null ? "" : name.trim()).orElseThrow(() ->
                    new org.lianxin.webhooks.WebhookException.InvalidEndpoint("eventTypes",
                            "no event type '" + name + "'")));
        }
        return new EndpointDraft(r.url(), r.description(), types, r.enabled() == null || r.enabled());
    }

    private List<Long> scope(Actor actor) {
        if (!actor.may(Role.ADMIN)) {
            throw new WebhooksProblem(Problems.of(HttpStatus.FORBIDDEN, "admin-only",
                    "only administrators manage webhook endpoints"));
        }
        return offices.subtree(actor.officeId()).stream().map(Office::id).toList();
    }

}
