package org.lianxin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NewOffice;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Topics against a real database: detection on a new case and by the sweep, department offices counted for their
 * county, one topic per burst (also with detections racing), jurisdiction, the workflow and its refusals, reopening
 * after a close, per-province thresholds, the list's filters.
 */
abstract class TopicsContract {
    SchedulerWorld w;
    DataSource ds;
    JdbcClient jdbc;
    Topics topics;
    Office jinjiangHousing;
    Actor jinjiangReviewer, chengduReviewer, provinceLeader, qingyangReviewer, mianyangReviewer, chengduAdmin;
    final AtomicInteger serial = new AtomicInteger(1000);

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        ds = freshDatabase();
        w = new SchedulerWorld(ds);
        jdbc = JdbcClient.create(ds);
        topics = topics(TopicSettings.DEFAULTS);
        jinjiangHousing = w.scheduler.offices().create(w.system, new NewOffice("510104-ZJ", "锦江区住建局",
                "Jinjiang Housing", OfficeLevel.DEPARTMENT, "510104", null));
        jinjiangReviewer = new Actor("jj.reviewer", Role.REVIEWER, w.jinjiang.id(), null);
        chengduReviewer = new Actor("cd.reviewer", Role.REVIEWER, w.chengdu.id(), null);
        chengduAdmin = new Actor("cd.admin", Role.ADMIN, w.chengdu.id(), null);
        provinceLeader = new Actor("sc.leader", Role.LEADER, w.province.id(), null);
        qingyangReviewer = new Actor("qy.reviewer", Role.REVIEWER, w.qingyang.id(), null);
        mianyangReviewer = new Actor("my.reviewer", Role.REVIEWER, w.mianyang.id(), null);
    }

    Topics topics(TopicSettings settings) {
        return Topics.create(ds, new DataSourceTransactionManager(ds), w.clock, settings);
    }

    /** A case of {@code category} filed now at {@code office}. */
    CaseFile filed(String category, Office office) {
        int n = serial.incrementAndGet();
        String area = office.code().substring(0, 6);
        return w.scheduler.cases().create(w.system, new NewCase("SC-2026-" + n, "王五", IdNumbers.valid(area, n),
                null, "诉求" + n, category, office.code()));
    }

    /** {@code n} cases a day apart, the clock moving on; detection checks each as the web does. */
    List<DetectionResult> fileDaily(int n, String category, Office office) {
        List<DetectionResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w.clock.advance(Duration.ofDays(1));
            results.add(topics.checkCase(filed(category, office).id()));
        }
        return results;
    }

    TopicPage all(Actor actor) {
        return topics.list(actor, new TopicQuery(null, null, null, null, null, 50, 0));
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void theFifthHousingMatterInJinjiangWithinThirtyDaysOpensOneTopicThatCollectsTheNextOnes() {
        // the world's own Jinjiang HOUSING case is the first; three more are not yet five
        assertThat(fileDaily(3, "HOUSING", w.jinjiang)).allMatch(r -> r.equals(DetectionResult.NOTHING));
        assertThat(fileDaily(1, "HOUSING", w.jinjiang)).containsExactly(new DetectionResult(1, 0));
        assertThat(topics.detect()).isEqualTo(DetectionResult.NOTHING); // never twice for the same burst
        assertThat(fileDaily(1, "HOUSING", w.jinjiang)).containsExactly(new DetectionResult(0, 1));

        TopicPage page = all(jinjiangReviewer);
        assertThat(page.total()).isEqualTo(1);
        Topic t = page.topics().get(0);
        assertThat(t.category()).isEqualTo("HOUSING");
        assertThat(t.place().id()).isEqualTo(w.jinjiang.id());
        assertThat(t.state()).isEqualTo(TopicState.OPEN);
        assertThat(t.matterCount()).isEqualTo(6);
        assertThat(t.windowDays()).isEqualTo(30);
        assertThat(t.threshold()).isEqualTo(5);
        TopicDetail d = topics.get(jinjiangReviewer, t.id());
        assertThat(d.matters()).hasSize(6).first().extracting(TopicMatter::caseId).isEqualTo(w.jinjiangCase.id());
        assertThat(d.history()).extracting(TopicEvent::kind).containsExactly("OPENED", "MATTERS_ADDED");
        assertThat(d.history()).extracting(TopicEvent::matters).containsExactly(5, 1);
        assertThat(d.history()).extracting(TopicEvent::actor).containsOnly("system");
    }

    @Test
    void casesOfACountysDepartmentCountForTheCountyAndACitysDepartmentForTheCity() {
        filed("HOUSING", jinjiangHousing);
        filed("HOUSING", jinjiangHousing);
        filed("HOUSING", w.housingDept); // a city department: Chengdu's, not Jinjiang's
        filed("HOUSING", w.housingDept);
        filed("HOUSING", w.qingyang);
        assertThat(topics.detect()).isEqualTo(DetectionResult.NOTHING);
        filed("HOUSING", jinjiangHousing); // with the world's Jinjiang case: 1 + 3 + this one = 5 for Jinjiang
        filed("HOUSING", w.jinjiang);
        assertThat(topics.detect()).isEqualTo(new DetectionResult(1, 0));
        Topic t = all(provinceLeader).topics().get(0);
        assertThat(t.place().id()).isEqualTo(w.jinjiang.id());
        assertThat(t.matterCount()).isEqualTo(5);
        assertThat(topics.get(provinceLeader, t.id()).matters()).extracting(m -> m.office().id())
                .containsOnly(w.jinjiang.id(), jinjiangHousing.id());
    }

    @Test
    void aMatterFiledExactlyOneWindowAgoStillCounts() {
        fileDaily(3, "HOUSING", w.jinjiang); // with the world's case: four, the first on day 0
        w.clock.advance(Duration.ofDays(27)); // the world's case is now exactly 30 days old
        filed("LABOUR", w.jinjiang); // another category counts apart
        assertThat(topics.checkCase(filed("HOUSING", w.jinjiang).id())).isEqualTo(new DetectionResult(1, 0));
        long id = all(provinceLeader).topics().get(0).id();
        assertThat(topics.get(provinceLeader, id).matters()).hasSize(5).extracting(TopicMatter::caseId)
                .contains(w.jinjiangCase.id());
    }

    @Test
    void aMatterOlderThanTheWindowDoesNotCount() {
        fileDaily(3, "HOUSING", w.jinjiang);
        w.clock.advance(Duration.ofDays(27).plusMinutes(1)); // the world's case left the window a minute ago
        filed("LABOUR", w.jinjiang);
        assertThat(topics.checkCase(filed("HOUSING", w.jinjiang).id())).isEqualTo(DetectionResult.NOTHING);
        assertThat(topics.detect()).isEqualTo(DetectionResult.NOTHING);
        assertThat(topics.checkCase(filed("HOUSING", w.jinjiang).id())).isEqualTo(new DetectionResult(1, 0));
        long id = all(provinceLeader).topics().get(0).id();
        assertThat(topics.get(provinceLeader, id).matters()).hasSize(5).extracting(TopicMatter::caseId)
                .doesNotContain(w.jinjiangCase.id());
    }

    @Test
    void aCountySeesItsOwnTopicsACityItsCountiesAndTheProvinceAll() {
        fileDaily(4, "HOUSING", w.jinjiang);
        for (int i = 0; i < 5; i++) filed("LABOUR", w.fucheng);
        topics.detect();
        assertThat(all(jinjiangReviewer).total()).isEqualTo(1);
        assertThat(all(chengduReviewer).total()).isEqualTo(1);
        assertThat(all(mianyangReviewer).total()).isEqualTo(1);
        assertThat(all(provinceLeader).total()).isEqualTo(2);
        assertThat(all(qingyangReviewer).total()).isZero();
        long jinjiangTopic = all(jinjiangReviewer).topics().get(0).id();
        assertThatThrownBy(() -> topics.get(qingyangReviewer, jinjiangTopic))
                .isInstanceOf(TopicsException.NotFound.class);
        assertThatThrownBy(() -> topics.get(mianyangReviewer, jinjiangTopic))
                .isInstanceOf(TopicsException.NotFound.class);
        assertThatThrownBy(() -> topics.list(jinjiangReviewer,
                new TopicQuery(w.chengdu.id(), null, null, null, null, 50, 0)))
                .isInstanceOf(TopicsException.NotFound.class).hasMessageContaining("office");
        Actor department = new Actor("zj.official", Role.OFFICIAL, jinjiangHousing.id(), null);
        assertThat(all(department).total()).isZero(); // a unit under the county does not see the county's topics
    }

    @Test
    void aSupervisorFollowsWithALeadUnitThenClosesAndANewBurstOpensANewTopic() {
        fileDaily(4, "HOUSING", w.jinjiang);
        long id = all(chengduReviewer).topics().get(0).id();
        TopicDetail followed = topics.take(chengduReviewer, id, w.housingDept.id(), "  请市住建局牵头，两周内回报  ");
        assertThat(followed.topic().state()).isEqualTo(TopicState.FOLLOWED);
        assertThat(followed.topic().lead().id()).isEqualTo(w.housingDept.id());
        assertThat(followed.topic().note()).isEqualTo("请市住建局牵头，两周内回报");
        assertThat(followed.topic().followedBy()).isEqualTo("cd.reviewer");
        assertThat(followed.topic().followedAt()).isEqualTo(w.clock.instant());

        fileDaily(1, "HOUSING", w.jinjiang); // still collected while followed
        w.clock.advance(Duration.ofHours(3));
        TopicDetail closed = topics.close(chengduReviewer, id, "已统一政策口径并逐件答复");
        assertThat(closed.topic().state()).isEqualTo(TopicState.CLOSED);
        assertThat(closed.topic().matterCount()).isEqualTo(6);
        assertThat(closed.topic().closedAt()).isEqualTo(w.clock.instant());
        assertThat(closed.history()).extracting(TopicEvent::kind)
                .containsExactly("OPENED", "FOLLOWED", "MATTERS_ADDED", "CLOSED");
        assertThat(closed.history().get(1).office().id()).isEqualTo(w.housingDept.id());
        assertThat(closed.history().get(3).text()).isEqualTo("已统一政策口径并逐件答复");
        assertThat(closed.history().get(3).actor()).isEqualTo("cd.reviewer");

        assertThat(fileDaily(4, "HOUSING", w.jinjiang)).allMatch(r -> r.equals(DetectionResult.NOTHING));
        assertThat(fileDaily(1, "HOUSING", w.jinjiang)).containsExactly(new DetectionResult(1, 0));
        TopicPage page = all(jinjiangReviewer);
        assertThat(page.topics()).extracting(Topic::state).containsExactly(TopicState.OPEN, TopicState.CLOSED);
        assertThat(page.topics().get(0).matterCount()).isEqualTo(5);
        assertThat(rows("tp_matter")).isEqualTo(11);
    }

    @Test
    void refusalsNameTheirRuleAndWriteNothing() {
        fileDaily(4, "HOUSING", w.jinjiang);
        long id = all(chengduReviewer).topics().get(0).id();
        long history = rows("tp_history");
        Actor scheduler = new Actor("jj.scheduler", Role.SCHEDULER, w.jinjiang.id(), null);
        assertRule(() -> topics.take(scheduler, id, w.jinjiang.id(), null), "supervisors-only");
        assertRule(() -> topics.take(jinjiangReviewer, id, null, null), "lead-unit-missing");
        assertRule(() -> topics.take(jinjiangReviewer, id, w.housingDept.id(), null), "office-not-found");
        assertRule(() -> topics.take(jinjiangReviewer, id, 999_999L, null), "office-not-found");
        assertRule(() -> topics.take(qingyangReviewer, id, w.qingyang.id(), null), "topic-not-found");
        assertRule(() -> topics.close(chengduReviewer, id, "结论"), "topic-not-followed");
        assertRule(() -> topics.take(chengduReviewer, 999_999L, w.jinjiang.id(), null), "topic-not-found");
        assertThat(rows("tp_history")).isEqualTo(history);
        assertThat(topics.get(chengduReviewer, id).topic().state()).isEqualTo(TopicState.OPEN);

        topics.take(jinjiangReviewer, id, jinjiangHousing.id(), null);
        assertRule(() -> topics.take(chengduReviewer, id, w.jinjiang.id(), null), "topic-already-followed");
        assertRule(() -> topics.close(chengduReviewer, id, " "), "conclusion-missing");
        topics.close(chengduAdmin, id, "办结");
        assertRule(() -> topics.close(chengduReviewer, id, "再次"), "topic-closed");
        assertRule(() -> topics.list(chengduReviewer, new TopicQuery(null, null, null, LocalDate.of(2026, 12, 5),
                LocalDate.of(2026, 12, 1), 50, 0)), "topics-range-reversed");
        assertRule(() -> topics.list(chengduReviewer, new TopicQuery(null, null, null, null, null, 500, 0)),
                "topics-page-out-of-range");
    }

    static void assertRule(Runnable r, String rule) {
        assertThatThrownBy(r::run).isInstanceOf(TopicsException.class)
                .satisfies(e -> assertThat(((TopicsException) e).rule()).isEqualTo(rule));
    }

    @Test
    void detectionsRacingOnTwoNodesOpenOneTopicAndAttachEachMatterOnce() throws Exception {
        for (int i = 0; i < 7; i++) filed("HOUSING", w.jinjiang);
        Topics otherNode = topics(TopicSettings.DEFAULTS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DetectionResult>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) runs.add(i % 2 == 0 ? topics::detect : otherNode::detect);
            DetectionResult sum = DetectionResult.NOTHING;
            for (Future<DetectionResult> f : pool.invokeAll(runs)) sum = sum.plus(f.get());
            assertThat(sum.opened()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("tp_topic")).isEqualTo(1);
        assertThat(rows("tp_matter")).isEqualTo(8);
        assertThat(all(provinceLeader).topics().get(0).matterCount()).isEqualTo(8);
    }

    @Test
    void aProvinceSetsItsOwnWindowAndThreshold() {
        Topics sichuan = topics(new TopicSettings(Thresholds.DEFAULT,
                Map.of("510000", new Thresholds(Duration.ofDays(7), 3))));
        assertThat(sichuan.detect()).isEqualTo(DetectionResult.NOTHING);
        filed("LABOUR", w.fucheng); // with the world's Fucheng LABOUR case: two
        assertThat(sichuan.detect()).isEqualTo(DetectionResult.NOTHING);
        filed("LABOUR", w.fucheng);
        assertThat(topics.detect()).isEqualTo(DetectionResult.NOTHING); // 5 in 30 days: not yet
        assertThat(sichuan.detect()).isEqualTo(new DetectionResult(1, 0));
        Topic t = all(mianyangReviewer).topics().get(0);
        assertThat(t.windowDays()).isEqualTo(7);
        assertThat(t.threshold()).isEqualTo(3);
    }

    @Test
    void theListFiltersBySubtreeStateCategoryAndDayOpened() {
        fileDaily(4, "HOUSING", w.jinjiang); // opens on 2026-12-04 (Shanghai)
        w.clock.advance(Duration.ofDays(3));
        for (int i = 0; i < 5; i++) filed("LABOUR", w.qingyang); // 2026-12-07
        topics.detect();
        long housing = topics.list(chengduReviewer, new TopicQuery(null, null, "HOUSING", null, null, 50, 0))
                .topics().get(0).id();
        topics.take(chengduReviewer, housing, w.jinjiang.id(), null);

        assertThat(query(new TopicQuery(null, null, null, null, null, 50, 0))).hasSize(2);
        assertThat(query(new TopicQuery(w.qingyang.id(), null, null, null, null, 50, 0)))
                .extracting(Topic::category).containsExactly("LABOUR");
        assertThat(query(new TopicQuery(null, TopicState.FOLLOWED, null, null, null, 50, 0)))
                .extracting(Topic::id).containsExactly(housing);
        assertThat(query(new TopicQuery(null, null, "LABOUR", null, null, 50, 0))).hasSize(1);
        assertThat(query(new TopicQuery(null, null, null, LocalDate.of(2026, 12, 5), null, 50, 0)))
                .extracting(Topic::category).containsExactly("LABOUR");
        assertThat(query(new TopicQuery(null, null, null, null, LocalDate.of(2026, 12, 4), 50, 0)))
                .extracting(Topic::category).containsExactly("HOUSING");
        assertThat(query(new TopicQuery(null, null, null, null, null, 1, 1))).hasSize(1);
        assertThat(topics.categories(chengduReviewer)).containsExactly("HOUSING", "LABOUR");
    }

    List<Topic> query(TopicQuery q) {
        return topics.list(chengduReviewer, q).topics();
    }
}
