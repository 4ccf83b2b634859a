package org.lianxin.web.topics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.topics.TopicDetail;
import org.lianxin.topics.TopicPage;
import org.lianxin.topics.TopicQuery;
import org.lianxin.topics.TopicState;
import org.lianxin.topics.TopicWorkflow;
import org.lianxin.topics.Topics;
import org.lianxin.topics.TopicsException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Topics (一题一专项) of the actor's subtree: {@code GET /api/v1/topics?office=&state=&category=&from=&to=&limit=&offset=}
 * (newest first; days opened, in the office's zone), {@code GET /api/v1/topics/categories},
 * {@code GET /api/v1/topics/{id}} with its matters and history, {@code POST /api/v1/topics/{id}/follow}
 * ({@code leadOfficeId}, {@code note}) and {@code POST /api/v1/topics/{id}/close} ({@code conclusion}).
 */
@Tag(name = "Topics")
@RestController
@RequestMapping("/api/v1/topics")
class TopicsController {
    private final Topics topics;

    TopicsController(Topics topics) {
        this.topics = topics;
    }

    record FollowRequest(@NotNull Long leadOfficeId, @Size(max = TopicWorkflow.NOTE_MAX) String note) {
    }

    record CloseRequest(@NotNull @Size(max = TopicWorkflow.CONCLUSION_MAX) String conclusion) {
    }

    @Operation(summary = "List the topics (一题一专项) of the caller's offices, newest first")
    @GetMapping
    TopicPage list(Actor actor, @RequestParam(required = false) Long office,
                   @RequestParam(required = false) String state,
                   @RequestParam(required = false) @Size(max = 64) String category,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return topics.list(actor, new TopicQuery(office, state(state), category, from, to, limit, offset));
    }

    @Operation(summary = "List the topic categories")
    @GetMapping("/categories")
    List<String> categories(Actor actor) {
        return topics.categories(actor);
    }

    @Operation(summary = "Get a topic with its matters and history")
    @GetMapping("/{id}")
    TopicDetail get(Actor actor, @PathVariable long id) {
        return topics.get(actor, id);
    }

    @Operation(summary = "Take up a topic and name the lead office")
    @PostMapping("/{id}/follow")
    TopicDetail follow(Actor actor, @PathVariable long id, @Valid @RequestBody FollowRequest body) {
        return topics.take(actor, id, body.leadOfficeId(), body.note());
    }

    @Operation(summary = "Close a topic with its conclusion")
    @PostMapping("/{id}/close")
    TopicDetail close(Actor actor, @PathVariable long id, @Valid @RequestBody CloseRequest body) {
        return topics.close(actor, id, body.conclusion());
    }

    static TopicState state(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return TopicState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TopicsException.Refused("topic-state-unknown",
                    "state must be OPEN, FOLLOWED or CLOSED, not " + value);
        }
    }
}
