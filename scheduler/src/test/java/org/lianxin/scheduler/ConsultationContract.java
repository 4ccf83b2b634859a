package org.lianxin.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Remote consultations against a real database; run once on PostgreSQL and once on H2. */
abstract class ConsultationContract {
    SchedulerWorld w;
    Consultations consultations;
    JdbcClient jdbc;
    Actor chengduLeader, fuchengLeader, housing, jinjiangLeader, mianyangStaff, provinceReviewer;

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        DataSource ds = freshDatabase();
        w = new SchedulerWorld(ds);
        consultations = w.scheduler.consultations();
        jdbc = JdbcClient.create(ds);
        chengduLeader = new Actor("cd.leader", Role.LEADER, w.chengdu.id(), w.chengduLeader.id());
        fuchengLeader = new Actor("fucheng.leader", Role.LEADER, w.fucheng.id(), w.fuchengLeader.id());
        housing = new Actor("cd.housing", Role.OFFICIAL, w.housingDept.id(), w.housingOfficial.id());
        jinjiangLeader = new Actor("jinjiang.leader", Role.LEADER, w.jinjiang.id(), w.jinjiangLeader.id());
        mianyangStaff = new Actor("my.scheduler", Role.SCHEDULER, w.mianyang.id(), null);
        provinceReviewer = new Actor("sc.reviewer", Role.REVIEWER, w.province.id(), null);
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    void assertRefused(Runnable action, Class<? extends SchedulerException> type, String rule) {
        long c = rows("consultation"), p = rows("consultation_participant");
        assertThatThrownBy(action::run).isInstanceOf(type).extracting(e -> ((SchedulerException) e).rule())
                .isEqualTo(rule);
        assertThat(rows("consultation")).as("consultations after a refused request").isEqualTo(c);
        assertThat(rows("consultation_participant")).as("participants after a refused request").isEqualTo(p);
    }

    @Test
    void aCityLeaderOpensAboutACaseOfItsCountyAndInvitesAnotherCitysCountyLeader() {
        Consultation c = consultations.open(chengduLeader, new NewConsultation(" 拆迁补偿会商 ", w.jinjiangCase.id(), true));
        assertThat(c.title()).isEqualTo("拆迁补偿会商");
        assertThat(c.state()).isEqualTo(ConsultationState.OPEN);
        assertThat(c.hostOfficialId()).isEqualTo(w.chengduLeader.id());
        assertThat(c.hostOfficeId()).isEqualTo(w.chengdu.id());
        assertThat(c.caseId()).isEqualTo(w.jinjiangCase.id());
        assertThat(c.recording()).isTrue();
        assertThat(c.startsAt()).isEqualTo(w.clock.instant());
        assertThat(c.participants()).isEmpty();

        Consultation invited = consultations.invite(chengduLeader, c.id(), w.fuchengLeader.id());
        invited = consultations.invite(chengduLeader, c.id(), w.provinceLeader.id()); // any level, above the host too
        assertThat(invited.participants()).extracting(ConsultationParticipant::officialId)
                .containsExactly(w.fuchengLeader.id(), w.provinceLeader.id());
        assertThat(invited.participants().get(0).officeId()).isEqualTo(w.fucheng.id());
        assertThat(invited.participants().get(0).invitedBy()).isEqualTo("cd.leader");

        // host and invitee list it; the invitee (another city's county) sees it; so does staff above the host
        assertThat(consultations.listMine(chengduLeader)).extracting(Consultation::id).containsExactly(c.id());
        assertThat(consultations.listMine(fuchengLeader)).extracting(Consultation::id).containsExactly(c.id());
        assertThat(consultations.get(fuchengLeader, c.id()).title()).isEqualTo("拆迁补偿会商");
        assertThat(consultations.get(provinceReviewer, c.id()).id()).isEqualTo(c.id());
        assertThat(consultations.listMine(housing)).isEmpty();
        assertThat(consultations.listMine(mianyangStaff)).isEmpty();
        // others do not even see it: not the host's county below it, not another city's staff
        assertThatThrownBy(() -> consultations.get(jinjiangLeader, c.id())).isInstanceOf(NotFound.class)
                .extracting(e -> ((NotFound) e).rule()).isEqualTo("consultation-not-found");
        assertThatThrownBy(() -> consultations.get(mianyangStaff, c.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void onlyTheHostInvitesAndEndsAndEndingIsFinalAndIdempotent() {
        Consultation c = consultations.open(housing, new NewConsultation("住建政策会商", null, false));
        consultations.invite(housing, c.id(), w.fuchengLeader.id());
        // an invitee may not invite or end; a stranger does not see it
        assertRefused(() -> consultations.invite(fuchengLeader, c.id(), w.jinjiangLeader.id()),
                OutOfJurisdiction.class, "not-consultation-host");
        assertRefused(() -> consultations.end(fuchengLeader, c.id()), OutOfJurisdiction.class, "not-consultation-host");
        assertRefused(() -> consultations.invite(jinjiangLeader, c.id(), w.jinjiangLeader.id()), NotFound.class,
                "consultation-not-found");
        assertThat(consultations.get(housing, c.id()).state()).isEqualTo(ConsultationState.OPEN);

        Consultation ended = consultations.end(housing, c.id());
        assertThat(ended.state()).isEqualTo(ConsultationState.ENDED);
        assertThat(ended.endedAt()).isEqualTo(w.clock.instant());
        assertThat(consultations.end(housing, c.id()).state()).isEqualTo(ConsultationState.ENDED);
        assertRefused(() -> consultations.invite(housing, c.id(), w.jinjiangLeader.id()), RuleViolation.class,
                "consultation-ended");

        // the system actor (an admin at the root) may end one: the live room ended
        Consultation other = consultations.open(fuchengLeader, new NewConsultation("工资拖欠会商", w.fuchengCase.id(), false));
        assertThat(consultations.end(w.system, other.id()).state()).isEqualTo(ConsultationState.ENDED);
    }

    @Test
    void theEndIsToldOnceAfterCommitWhoeverEndedIt() {
        List<ScheduleEvent> told = new CopyOnWriteArrayList<>();
        List<String> states = new CopyOnWriteArrayList<>();
        Consultations telling = w.schedulerTelling(e -> {
            told.add(e);
            long id = ((ScheduleEvent.ConsultationEnded) e).consultationId();
            states.add(CompletableFuture.supplyAsync(() -> // another connection: committed only
                    jdbc.sql("select state from consultation where id = ?").param(id).query(String.class).single())
                    .join());
        }).consultations();
        Consultation byHost = telling.open(chengduLeader, new NewConsultation("会商一", null, false));
        Consultation bySystem = telling.open(chengduLeader, new NewConsultation("会商二", null, false));
        assertRefused(() -> telling.end(fuchengLeader, byHost.id()), NotFound.class, "consultation-not-found");
        telling.end(chengduLeader, byHost.id());
        telling.end(chengduLeader, byHost.id()); // idempotent: told once
        telling.end(w.system, bySystem.id());
        assertThat(told).containsExactly(new ScheduleEvent.ConsultationEnded(byHost.id()),
                new ScheduleEvent.ConsultationEnded(bySystem.id()));
        assertThat(states).containsExactly("ENDED", "ENDED");
    }

    @Test
    void onlyTheHostTurnsRecordingOnOrOffAndNotAfterTheEnd() {
        Consultation c = consultations.open(housing, new NewConsultation("住建政策会商", null, false));
        consultations.invite(housing, c.id(), w.fuchengLeader.id());
        assertThat(consultations.setRecording(housing, c.id(), true).recording()).isTrue();
        assertThat(consultations.get(fuchengLeader, c.id()).recording()).isTrue();
        assertRefused(() -> consultations.setRecording(fuchengLeader, c.id(), false), OutOfJurisdiction.class,
                "not-consultation-host");
        assertThat(consultations.setRecording(housing, c.id(), false).recording()).isFalse();
        consultations.end(housing, c.id());
        assertRefused(() -> consultations.setRecording(housing, c.id(), true), RuleViolation.class, "consultation-ended");
        assertThat(consultations.get(housing, c.id()).recording()).isFalse();
    }

    @Test
    void invitationsOfUnknownInactiveDuplicateOrHostOfficialsAreRefused() {
        Consultation c = consultations.open(chengduLeader, new NewConsultation("会商", null, false));
        assertRefused(() -> consultations.invite(chengduLeader, c.id(), 999_999), NotFound.class, "official-not-found");
        assertRefused(() -> consultations.invite(chengduLeader, 999_999, w.fuchengLeader.id()), NotFound.class,
                "consultation-not-found");
        assertRefused(() -> consultations.invite(chengduLeader, c.id(), w.chengduLeader.id()), RuleViolation.class,
                "host-invited");
        jdbc.sql("update official set active = false where id = ?").param(w.housingOfficial.id()).update();
        assertRefused(() -> consultations.invite(chengduLeader, c.id(), w.housingOfficial.id()), RuleViolation.class,
                "official-inactive");
        consultations.invite(chengduLeader, c.id(), w.fuchengLeader.id());
        assertRefused(() -> consultations.invite(chengduLeader, c.id(), w.fuchengLeader.id()), Conflict.class,
                "already-invited");
    }

    @Test
    void onlyOfficialsOpenAndTheCaseMustLieInTheHostsJurisdiction() {
        assertRefused(() -> consultations.open(w.jinjiangStaff, new NewConsultation("会商", null, false)),
                OutOfJurisdiction.class, "consultation-host-not-official");
        assertRefused(() -> consultations.open(new Actor("x", Role.LEADER, w.chengdu.id(), null),
                new NewConsultation("会商", null, false)), OutOfJurisdiction.class, "consultation-host-not-official");
        assertRefused(() -> consultations.open(chengduLeader, new NewConsultation("  ", null, false)),
                RuleViolation.class, "consultation-title-invalid");
        assertRefused(() -> consultations.open(chengduLeader, new NewConsultation("会商", w.fuchengCase.id(), false)),
                RuleViolation.class, "case-outside-host-jurisdiction");
        assertRefused(() -> consultations.open(jinjiangLeader, new NewConsultation("会商", 999_999L, false)),
                NotFound.class, "case-not-found");
        assertThat(consultations.open(jinjiangLeader, new NewConsultation("会商", w.jinjiangCase.id(), false)).caseId())
                .isEqualTo(w.jinjiangCase.id());
    }

    @Test
    void concurrentInvitationsOfOneOfficialLetExactlyOneIn() throws Exception {
        Consultation c = consultations.open(chengduLeader, new NewConsultation("会商", null, false));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Boolean> invite = () -> {
                try {
                    consultations.invite(chengduLeader, c.id(), w.fuchengLeader.id());
                    return true;
                } catch (Conflict e) {
                    return false;
                }
            };
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, invite));
            long wins = 0;
            for (Future<Boolean> f : results) {
                if (f.get()) wins++;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(consultations.get(chengduLeader, c.id()).participants()).hasSize(1);
    }
}
