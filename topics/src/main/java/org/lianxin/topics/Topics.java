package org.lianxin.topics;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;
import org.lianxin.topics.internal.MatterRows;
import org.lianxin.topics.internal.OfficeRows;
import org.lianxin.topics.internal.TopicRows;
import org.lianxin.topics.internal.TopicViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Topics (一题一专项): detection (the periodic sweep, and the cheap check of one key after a case was created), the
 * list and one topic for the actor's subtree, and the workflow (a supervisor follows it with a lead unit, then
 * closes it with a conclusion). Jurisdiction: an actor sees the topics whose place lies in its office's subtree (a
 * county its own, a city its counties' and its own, the province all). One transaction per command and per
 * detected decision.
 */
public final class Topics {
    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);
    /** Staff who may read topics. */
    private static final Role[] READERS = {Role.ADMIN, Role.SCHEDULER, Role.LEADER, Role.OFFICIAL, Role.REVIEWER};
    /** Staff who supervise: follow and close topics. */
    private static final Role[] SUPERVISORS = {Role.REVIEWER, Role.LEADER, Role.ADMIN};
    public static final int MAX_LIMIT = 200;

    private final TransactionTemplate tx;
    private final Clock clock;
    private final TopicSettings settings;
    private final OfficeRows offices;
    private final MatterRows matters;
    private final TopicRows rows;
    private final TopicViews views;

    private Topics(DataSource ds, PlatformTransactionManager tm, Clock clock, TopicSettings settings) {
        JdbcClient jdbc = JdbcClient.create(ds);
        this.tx = new TransactionTemplate(tm);
        this.clock = clock;
        this.settings = settings;
        this.offices = new OfficeRows(jdbc);
        this.matters = new MatterRows(jdbc);
        this.rows = new TopicRows(jdbc);
        this.views = new TopicViews(jdbc);
    }

    public static Topics create(DataSource ds, PlatformTransactionManager tm, Clock clock, TopicSettings settings) {
        return new Topics(ds, tm, clock, settings);
    }

    public TopicSettings settings() {
        return settings;
    }

    // ---- detection

    /** The sweep: every key of every province. */
    public DetectionResult detect() {
        return detect(offices.tree(), Optional.empty());
    }

    /** After a case was created: only its category × place (nothing if the case is unknown). */
    public DetectionResult checkCase(long caseId) {
        Places places = offices.tree();
        return matters.keyOf(caseId, places).map(k -> detect(places, Optional.of(k)))
                .orElse(DetectionResult.NOTHING);
    }

    private DetectionResult detect(Places places, Optional<TopicKey> only) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.longestWindow());
        Map<TopicKey, KeyState> states = rows.states(only);
        Map<TopicKey, Thresholds> thresholds = new HashMap<>();
        Set<TopicKey> wanted = new java.util.TreeSet<>();
        matters.counts(since, places, only).forEach((key, count) -> {
            Thresholds t = thresholdsOf(key, places);
            thresholds.put(key, t);
            KeyState s = states.get(key);
            if (count >= t.threshold() || (s != null && s.openTopicId() != null)) wanted.add(key);
        });
        List<Decision> decisions = TopicRule.decideAll(states, matters.matters(since, places, wanted),
                thresholds::get, now);
        DetectionResult done = DetectionResult.NOTHING;
        for (Decision d : decisions) done = done.plus(apply(d, places, now));
        return done;
    }

    private Thresholds thresholdsOf(TopicKey key, Places places) {
        return places.provinceOf(key.placeId()).map(p -> settings.forProvince(p.code())).orElse(settings.defaults());
    }

    /** One decision, one transaction; what another node or thread did first wins, and this one is let go. */
    private DetectionResult apply(Decision d, Places places, Instant now) {
        try {
            return tx.execute(s -> {
                if (d instanceof Decision.Open) {
                    Decision.Open open = (Decision.Open) d;
                    String path = places.office(d.key().placeId()).orElseThrow().path();
                    long id = rows.open(open, path, now);
                    LOG.info("topic {} opened: {} matters of {} in place {} within {} days", id,
                            open.caseIds().size(), d.key().category(), d.key().placeId(),
                            open.thresholds().windowDays());
                    return new DetectionResult(1, 0);
                }
                Decision.Attach attach = (Decision.Attach) d;
                return rows.attach(attach, now) ? new DetectionResult(0, attach.caseIds().size())
                        : DetectionResult.NOTHING;
            });
        } catch (DataIntegrityViolationException raced) {
            LOG.debug("topic decision for {} left to the detection that was first", d.key());
            return DetectionResult.NOTHING;
        }
    }

    // ---- reading

    public TopicPage list(Actor actor, TopicQuery q) {
        OfficeRows.Row home = readerOffice(actor);
        OfficeRows.Row office = q.officeId() == null ? home : within(home, q.officeId());
        if (q.limit() < 1 || q.limit() > MAX_LIMIT || q.offset() < 0) {
            throw new TopicsException.Refused("topics-page-out-of-range",
                    "limit is 1 to " + MAX_LIMIT + ", offset 0 or more");
        }
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw new TopicsException.Refused("topics-range-reversed", "from " + q.from() + " is after to " + q.to());
        }
        String category = q.category() == null || q.category().isBlank() ? null : q.category().trim();
        TopicQuery clean = new TopicQuery(office.id(), q.state(), category, q.from(), q.to(), q.limit(), q.offset());
        return views.page(office.path(), clean, office.zone());
    }

    /** The categories that have topics in the actor's subtree. */
    public List<String> categories(Actor actor) {
        return views.categories(readerOffice(actor).path());
    }

    public TopicDetail get(Actor actor, long topicId) {
        OfficeRows.Row home = readerOffice(actor);
        return detail(visible(home, topicId));
    }

    private TopicDetail detail(long topicId) {
        return new TopicDetail(views.find(topicId).orElseThrow(() -> new TopicsException.NotFound("topic", topicId)),
                views.matters(topicId), views.history(topicId));
    }

    // ---- the workflow

    /** A supervisor follows an OPEN topic, naming the lead unit (an office of its subtree) and a note. */
    public TopicDetail take(Actor actor, long topicId, Long leadOfficeId, String note) {
        OfficeRows.Row home = supervisorOffice(actor);
        visible(home, topicId);
        String cleanNote = note == null || note.isBlank() ? null : note.trim();
        TopicWorkflow.take(current(topicId), leadOfficeId, cleanNote);
        within(home, leadOfficeId);
        tx.executeWithoutResult(s -> {
            if (!rows.follow(topicId, actor.username(), leadOfficeId, cleanNote, clock.instant())) {
                TopicWorkflow.take(current(topicId), leadOfficeId, cleanNote); // says what it became
                throw new TopicsException.Conflict("topic-changed", "the topic changed meanwhile");
            }
        });
        return detail(topicId);
    }

    /** A supervisor closes a FOLLOWED topic with a conclusion; the key may open a new topic afterwards. */
    public TopicDetail close(Actor actor, long topicId, String conclusion) {
        OfficeRows.Row home = supervisorOffice(actor);
        visible(home, topicId);
        TopicWorkflow.close(current(topicId), conclusion);
        String clean = conclusion.trim();
        tx.executeWithoutResult(s -> {
            if (!rows.close(topicId, actor.username(), clean, clock.instant())) {
                TopicWorkflow.close(current(topicId), clean);
                throw new TopicsException.Conflict("topic-changed", "the topic changed meanwhile");
            }
        });
        return detail(topicId);
    }

    private TopicState current(long topicId) {
        return rows.state(topicId).orElseThrow(() -> new TopicsException.NotFound("topic", topicId));
    }

    private long visible(OfficeRows.Row home, long topicId) {
        return views.placePath(topicId).filter(home::covers).map(p -> topicId)
                .orElseThrow(() -> new TopicsException.NotFound("topic", topicId));
    }

    private OfficeRows.Row within(OfficeRows.Row home, long officeId) {
        return offices.find(officeId).filter(o -> home.covers(o.path()))
                .orElseThrow(() -> new TopicsException.NotFound("office", officeId));
    }

    private OfficeRows.Row readerOffice(Actor actor) {
        if (!actor.may(READERS)) {
            throw new TopicsException.Forbidden("topics-staff-only", "topics are for the staff of the offices");
        }
        return office(actor);
    }

    private OfficeRows.Row supervisorOffice(Actor actor) {
        if (!actor.may(SUPERVISORS)) {
            throw new TopicsException.Forbidden("supervisors-only", "only supervisors follow and close topics");
        }
        return office(actor);
    }

    private OfficeRows.Row office(Actor actor) {
        return offices.find(actor.officeId())
                .orElseThrow(() -> new TopicsException.NotFound("office", actor.officeId()));
    }
}
