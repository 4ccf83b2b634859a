package org.lianxin.scheduler.internal;

import java.time.Clock;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.ConsultationParticipant;
import org.lianxin.scheduler.ConsultationState;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.NewConsultation;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.ScheduleEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

final class JdbcConsultations implements Consultations {
    private static final int MAX_TITLE = 200;
    private static final int MAX_PARTICIPANTS = 50;

    /** A consultation row joined with its host; participants are read separately. */
    private record Row(long id, String title, Long caseId, long hostOfficialId, String hostName, long hostOfficeId,
                       java.time.Instant startsAt, ConsultationState state, boolean recording, String createdBy,
                       java.time.Instant createdAt, java.time.Instant endedAt) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("id"), rs.getString("title"),
            Sql.nullableLong(rs, "case_id"), rs.getLong("host_official_id"), rs.getString("host_name"),
            rs.getLong("host_office_id"), Sql.instant(rs, "starts_at"), ConsultationState.valueOf(rs.getString("state")),
            rs.getBoolean("recording"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "ended_at"));
    private static final RowMapper<ConsultationParticipant> PARTICIPANT = (rs, n) -> new ConsultationParticipant(
            rs.getLong("official_id"), rs.getString("name"), rs.getLong("office_id"), rs.getString("invited_by"),
            Sql.instant(rs, "invited_at"));
    private static final String SELECT = "select c.*, o.name as host_name, o.office_id as host_office_id "
            + "from consultation c join official o on o.id = c.host_official_id ";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Access access;
    private final JdbcOffices offices;
    private final JdbcOfficials officials;
    private final JdbcCases cases;
    private final Clock clock;
    private final ScheduleEventDispatch events;

    JdbcConsultations(JdbcClient jdbc, TransactionTemplate tx, Access access, JdbcOffices offices,
                      JdbcOfficials officials, JdbcCases cases, Clock clock, ScheduleEventDispatch events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.offices = offices;
        this.officials = officials;
        this.cases = cases;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Consultation open(Actor actor, NewConsultation c) {
        if (actor.officialId() == null || !actor.may(Role.LEADER, Role.OFFICIAL)) {
            throw new OutOfJurisdiction("consultation-host-not-official",
                    "only a leader or official with an official record opens a consultation");
        }
        String title = c.title() == null ? "" : c.title().trim();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new RuleViolation("consultation-title-invalid", "the title must have 1 to " + MAX_TITLE + " characters");
        }
        Official host = officials.get(actor.officialId());
        if (!host.active()) {
            throw new RuleViolation("official-inactive", "official " + host.id() + " is not active",
                    Facts.of("official", host.name()));
        }
        if (c.caseId() != null) {
            CaseFile file = cases.find(c.caseId());
            Office hostOffice = offices.get(host.officeId());
            if (!hostOffice.contains(offices.get(file.officeId()))) {
                throw new RuleViolation("case-outside-host-jurisdiction",
                        "case " + file.caseNumber() + " lies outside the jurisdiction of " + host.name());
            }
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        var now = Sql.ts(clock.instant());
        jdbc.sql("insert into consultation (title, case_id, host_official_id, starts_at, state, recording, created_by, "
                        + "created_at) values (?,?,?,?,'OPEN',?,?,?)")
                .params(title, c.caseId(), host.id(), now, c.recording(), actor.username(), now)
                .update(key, "id");
        return load(key.getKey().longValue());
    }

    @Override
    public Consultation invite(Actor actor, long consultationId, long officialId) {
        try {
            return tx.execute(s -> {
                Consultation c = lockVisible(actor, consultationId);
                requireHost(actor, c, "invite");
                if (c.state() != ConsultationState.OPEN) {
                    throw new RuleViolation("consultation-ended", "consultation " + consultationId + " has ended");
                }
                Official invitee = officials.get(officialId); // any office, any level
                if (!invitee.active()) {
                    throw new RuleViolation("official-inactive", "official " + officialId + " is not active",
                            Facts.of("official", invitee.name()));
                }
                if (invitee.id() == c.hostOfficialId()) {
                    throw new RuleViolation("host-invited", "the host takes part already");
                }
                if (c.participants().stream().anyMatch(p -> p.officialId() == officialId)) {
                    throw new Conflict("already-invited", invitee.name() + " is invited already",
                            Facts.of("official", invitee.name()));
                }
                if (c.participants().size() >= MAX_PARTICIPANTS) {
                    throw new RuleViolation("too-many-participants", "at most " + MAX_PARTICIPANTS + " invitees",
                            Facts.of("max", MAX_PARTICIPANTS));
                }
                jdbc.sql("insert into consultation_participant (consultation_id, official_id, invited_by, invited_at) "
                        + "values (?,?,?,?)").params(consultationId, officialId, actor.username(),
                        Sql.ts(clock.instant())).update();
                return load(consultationId);
            });
        } catch (DuplicateKeyException e) { // a concurrent invitation of the same official
            throw new Conflict("already-invited", "official " + officialId + " is invited already",
                    Facts.of("official", officials.get(officialId).name()));
        }
    }

    @Override
    public Consultation get(Actor actor, long consultationId) {
        Consultation c = load(consultationId);
        if (!visible(actor, c)) {
            throw new NotFound("consultation", consultationId);
        }
        return c;
    }

    @Override
    public List<Consultation> listMine(Actor actor) {
        if (actor.officialId() == null) {
            return List.of();
        }
        List<Row> rows = jdbc.sql(SELECT + "where c.host_official_id = ? or c.id in "
                        + "(select consultation_id from consultation_participant where official_id = ?) "
                        + "order by c.created_at desc, c.id desc")
                .params(actor.officialId(), actor.officialId()).query(ROW).list();
        return rows.stream().map(this::withParticipants).toList();
    }

    @Override
    public Consultation end(Actor actor, long consultationId) {
        return tx.execute(s -> {
            Consultation c = lockVisible(actor, consultationId);
            boolean host = actor.officialId() != null && actor.officialId() == c.hostOfficialId();
            if (!host && !(actor.may(Role.ADMIN) && access.sees(actor, c.hostOfficeId()))) {
                throw new OutOfJurisdiction("not-consultation-host", "only the host ends consultation " + consultationId);
            }
            if (c.state() == ConsultationState.ENDED) {
                return c;
            }
            jdbc.sql("update consultation set state = 'ENDED', ended_at = ? where id = ?")
                    .params(Sql.ts(clock.instant()), consultationId).update();
            events.tell(new ScheduleEvent.ConsultationEnded(consultationId));
            return load(consultationId);
        });
    }

    @Override
    public Consultation setRecording(Actor actor, long consultationId, boolean recording) {
        return tx.execute(s -> {
            Consultation c = lockVisible(actor, consultationId);
            if (actor.officialId() == null || actor.officialId() != c.hostOfficialId()) {
                throw new OutOfJurisdiction("not-consultation-host",
                        "only the host turns recording on or off in consultation " + consultationId);
            }
            if (c.state() == ConsultationState.ENDED) {
                throw new RuleViolation("consultation-ended", "consultation " + consultationId + " has ended");
            }
            jdbc.sql("update consultation set recording = ? where id = ?").params(recording, consultationId).update();
            return load(consultationId);
        });
    }

    // ------------------------------------------------------------------------------------------------

    private boolean visible(Actor actor, Consultation c) {
        if (actor.officialId() != null && c.involves(actor.officialId())) {
            return true;
        }
        return access.sees(actor, c.hostOfficeId());
    }

    /** Locks the row (concurrent invitations and ends run one after another), then checks visibility. */
    private Consultation lockVisible(Actor actor, long consultationId) {
        jdbc.sql("select id from consultation where id = ? for update").param(consultationId).query(Long.class)
                .optional().orElseThrow(() -> new NotFound("consultation", consultationId));
        return get(actor, consultationId);
    }

    private static void requireHost(Actor actor, Consultation c, String action) {
        if (actor.officialId() == null || actor.officialId() != c.hostOfficialId()) {
            throw new OutOfJurisdiction("not-consultation-host", "only the host may " + action
                    + " in consultation " + c.id());
        }
    }

    private Consultation load(long id) {
        Row r = jdbc.sql(SELECT + "where c.id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("consultation", id));
        return withParticipants(r);
    }

    private Consultation withParticipants(Row r) {
        List<ConsultationParticipant> ps = jdbc.sql("select p.*, o.name, o.office_id from consultation_participant p "
                + "join official o on o.id = p.official_id where p.consultation_id = ? order by p.id")
                .param(r.id()).query(PARTICIPANT).list();
        return new Consultation(r.id(), r.title(), r.caseId(), r.hostOfficialId(), r.hostName(), r.hostOfficeId(),
                r.startsAt(), r.state(), r.recording(), r.createdBy(), r.createdAt(), r.endedAt(), ps);
    }
}
