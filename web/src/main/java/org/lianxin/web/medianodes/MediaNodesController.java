package org.lianxin.web.medianodes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.signaling.nodes.MediaNodeStatus;
import org.lianxin.signaling.nodes.NoSuchMediaNodeException;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.live.SharedMediaNodes;
import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Janus media nodes, for the province's administrators: they serve every office of the province, so only an
 * administrator of the province office (the root of the office tree) lists them or drains one. A drained node takes
 * no new rooms; the rooms on it go on until they end (deploy/README.md, "Upgrade": drain, wait for rooms 0, upgrade,
 * undrain). A drain holds for every app instance ({@link SharedMediaNodes}): drain once, on any. Every drain and
 * undrain is in the audit trail.
 */
@Tag(name = "Media nodes")
@RestController
@RequestMapping("/api/v1/admin/media-nodes")
class MediaNodesController {
    private final SharedMediaNodes nodes;
    private final Offices offices;
    private final AuditTrail trail;

    MediaNodesController(SharedMediaNodes nodes, Offices offices, AuditTrail trail) {
        this.nodes = nodes;
        this.offices = offices;
        this.trail = trail;
    }

    /**
     * A media node as this server sees it: connected or not (and since when, why), drained or not (for every
     * instance: the shared flag, who set it last and when), the media rooms and endpoints (peer connections) this
     * server placed on it, and the totals of every live instance.
     */
    record MediaNode(String name, boolean reachable, Instant since, String detail, boolean drained, int rooms,
                     int endpoints, int roomsInCluster, int endpointsInCluster, String drainedBy, Instant drainedAt) {
        static MediaNode of(SharedMediaNodes.ClusterNode c) {
            MediaNodeStatus s = c.here();
            return new MediaNode(s.name(), s.reachable(), s.since(), s.detail(), s.drained(), s.rooms(), s.endpoints(),
                    c.roomsInCluster(), c.endpointsInCluster(), c.drainedBy(), c.drainedAt());
        }
    }

    /** Drain ({@code true}: no new rooms) or undrain ({@code false}). */
    record DrainRequest(Boolean drained) {
    }

    @Operation(summary = "List the media nodes with their health, rooms and drain state")
    @GetMapping
    List<MediaNode> list(Actor actor) {
        requireProvinceAdmin(actor);
        return nodes.status().stream().map(MediaNode::of).toList();
    }

    @Operation(summary = "Drain a media node (no new rooms) or undrain it")
    @PutMapping("/{name}/drain")
    MediaNode drain(Actor actor, @PathVariable String name, @RequestBody DrainRequest body,
                    HttpServletRequest request) {
        requireProvinceAdmin(actor);
        if (body == null || body.drained() == null) {
            throw new MediaNodesProblem(Problems.of(HttpStatus.BAD_REQUEST, "drained-required",
                    "give {\"drained\": true} to drain the node or {\"drained\": false} to undrain it"));
        }
        SharedMediaNodes.ClusterNode after;
        try {
            after = nodes.drain(name, body.drained(), actor.username());
        } catch (NoSuchMediaNodeException e) {
            throw new MediaNodesProblem(Problems.of(HttpStatus.NOT_FOUND, "media-node-not-found",
                    "no media node is named " + e.node() + " (GET /api/v1/admin/media-nodes lists them)"));
        }
        trail.record(AuditAction.MEDIA_NODE_DRAIN, "media-node", name, AuditOutcome.ALLOWED, request,
                Map.of("drained", Boolean.toString(body.drained()), "rooms", Integer.toString(after.here().rooms()),
                        "roomsInCluster", Integer.toString(after.roomsInCluster())));
        return MediaNode.of(after);
    }

    private void requireProvinceAdmin(Actor actor) {
        if (!actor.may(Role.ADMIN) || offices.get(actor.officeId()).parentId() != null) {
            throw new MediaNodesProblem(Problems.of(HttpStatus.FORBIDDEN, "province-admin-only",
                    "only administrators of the province office manage the media nodes"));
        }
    }
}
