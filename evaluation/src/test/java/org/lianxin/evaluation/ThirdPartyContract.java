package org.lianxin.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Third-party evaluation against a real database: the draw takes the office's items completed in the month and the
 * eligible pool, is stored with its seed and re-verifies; evaluators read only their matters, masked, and score once.
 */
abstract class ThirdPartyContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final YearMonth NOV = YearMonth.of(2026, 11);
    SchedulerWorld w;
    ThirdPartyEvaluation ev;
    JdbcClient jdbc;
    Actor provinceAdmin, chengduAdmin, mianyangAdmin;
    final AtomicInteger seedCounter = new AtomicInteger();

    abstract DataSource freshDatabase();

    @BeforeEach
    void world() {
        DataSource ds = freshDatabase();
        w = new SchedulerWorld(ds);
        w.clock.set(LocalDate.of(2026, 12, 2).atTime(10, 0).atZone(SHANGHAI).toInstant());
        jdbc = JdbcClient.create(ds);
        ev = new ThirdPartyEvaluation(ds, new DataSourceTransactionManager(ds), w.clock, () -> {
            byte[] seed = new byte[Draw.SEED_BYTES];
            seed[0] = (byte) seedCounter.incrementAndGet();
            return seed;
        });
        provinceAdmin = new Actor("sc.admin", Role.ADMIN, w.province.id(), null);
        chengduAdmin = new Actor("cd.admin", Role.ADMIN, w.chengdu.id(), null);
        mianyangAdmin = new Actor("my.admin", Role.ADMIN, w.mianyang.id(), null);
    }

    Evaluator evaluator(String username, EvaluatorKind kind, Office affiliation) {
        return ev.addEvaluator(provinceAdmin, new NewEvaluator("评议员" + username, kind,
                affiliation == null ? null : affiliation.id(), username));
    }

    /** A supervision item of the Jinjiang case for {@code unit}, COMPLETED at {@code acceptedAt}, with a reply. */
    long completedItem(Office unit, Instant acceptedAt) {
        long caseId = w.jinjiangCase.id();
        String number = "DB-2026-" + System.nanoTime();
        Timestamp at = Timestamp.from(acceptedAt);
        jdbc.sql("insert into sv_item (number, kind, state, case_id, case_number, case_subject, category, unit_office_id,"
                + " unit_path, supervising_office_id, supervising_path, zone, accepted_on, deadline, due_at,"
                + " requires_report, title, created_by, created_at) values (?, 'ASSIGNMENT', 'COMPLETED', ?, ?, ?, ?,"
                + " ?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, false, ?, 'cd.leader', ?)")
                .params(number, caseId, "SC-2026-000101", "拆迁补偿", "HOUSING", unit.id(), unit.path(),
                        w.chengdu.id(), w.chengdu.path(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), at,
                        "核查拆迁补偿", at)
                .update();
        long id = jdbc.sql("select id from sv_item where number = ?").param(number).query(Long.class).single();
        jdbc.sql("insert into sv_reply (item_id, text, at, by_user) values (?, '已按政策补偿到位', ?, 'jj.official')")
                .params(id, at).update();
        jdbc.sql("insert into sv_history (item_id, at, kind, actor) values (?, ?, 'ACCEPTED', 'cd.leader')")
                .params(id, at).update();
        return id;
    }

    Instant nov(int day) {
        return LocalDate.of(2026, 11, day).atTime(15, 0).atZone(SHANGHAI).toInstant();
    }

    List<Long> items(Office unit, int n, Instant at) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(completedItem(unit, at));
        return ids;
    }

    /** Five evaluators eligible for Jinjiang (none, Mianyang, Fucheng, Qingyang) and three who are not. */
    void pool() {
        evaluator("e.none", EvaluatorKind.EXPERT, null);
        evaluator("e.my", EvaluatorKind.DEPUTY, w.mianyang);
        evaluator("e.fc", EvaluatorKind.CITIZEN_REP, w.fucheng);
        evaluator("e.qy", EvaluatorKind.CITIZEN_REP, w.qingyang);
        evaluator("e.none2", EvaluatorKind.EXPERT, null);
        evaluator("x.jj", EvaluatorKind.CITIZEN_REP, w.jinjiang);
        evaluator("x.cd", EvaluatorKind.DEPUTY, w.chengdu);
        evaluator("x.sc", EvaluatorKind.EXPERT, w.province);
    }

    @Test
    void theDrawSamplesTheMonthsCompletedItemsAndNeverAnEvaluatorOfTheOfficeOrAboveIt() {
        pool();
        List<Long> november = items(w.jinjiang, 35, nov(10));
        items(w.jinjiang, 2, LocalDate.of(2026, 10, 31).atTime(23, 0).atZone(SHANGHAI).toInstant()); // October
        items(w.qingyang, 4, nov(12)); // another office
        StoredDraw d = ev.draw(chengduAdmin, w.jinjiang.id(), NOV);
        assertThat(java.util.Arrays.stream(d.inputs().matterIds()).boxed().toList()).isEqualTo(november);
        assertThat(d.result().sample()).hasSize(4).isSubsetOf(november);
        var excluded = new HashSet<Long>();
        for (Evaluator e : ev.evaluators(provinceAdmin)) if (e.username().startsWith("x.")) excluded.add(e.id());
        assertThat(java.util.Arrays.stream(d.inputs().evaluatorIds()).boxed().toList()).hasSize(5)
                .doesNotContainAnyElementsOf(excluded);
        assertThat(d.result().panels()).allSatisfy(p -> assertThat(p.evaluatorIds()).hasSize(3)
                .doesNotContainAnyElementsOf(excluded));
        assertThat(d.seedHex()).hasSize(64);
        assertThat(d.inputsHash()).isEqualTo(d.inputs().hash());
        assertThat(rows("ev_assignment")).isEqualTo(12);
    }

    @Test
    void aStoredDrawReVerifiesAndATamperedOneDoesNot() {
        pool();
        items(w.jinjiang, 12, nov(3));
        StoredDraw d = ev.draw(provinceAdmin, w.jinjiang.id(), NOV);
        assertThat(Draw.run(d.inputs(), java.util.HexFormat.of().parseHex(d.seedHex()))).isEqualTo(d.result());
        Verification v = ev.verify(provinceAdmin, d.id());
        assertThat(v.verified()).isTrue();
        assertThat(v.inputsCurrent()).isTrue();

        ev.setActive(provinceAdmin, d.inputs().evaluatorIds()[0], false); // the pool changed since
        assertThat(ev.verify(provinceAdmin, d.id())).satisfies(x -> {
            assertThat(x.verified()).isTrue();
            assertThat(x.inputsCurrent()).isFalse();
        });
        jdbc.sql("update ev_draw set seed_hex = ? where id = ?").params("00".repeat(31) + "ff", d.id()).update();
        assertThat(ev.verify(provinceAdmin, d.id()).sameResult()).isFalse();
    }

    @Test
    void oneDrawPerOfficeAndMonthAlsoFromTheMonthlyRun() {
        pool();
        items(w.jinjiang, 5, nov(3));
        items(w.fucheng, 3, nov(4));
        List<StoredDraw> made = ev.monthlyRun(1, SHANGHAI);
        assertThat(made).extracting(d -> d.inputs().officeId()).containsExactlyInAnyOrder(w.jinjiang.id(),
                w.fucheng.id());
        assertThat(ev.monthlyRun(1, SHANGHAI)).isEmpty();
        assertThatThrownBy(() -> ev.draw(provinceAdmin, w.jinjiang.id(), NOV))
                .isInstanceOf(EvaluationException.Conflict.class)
                .extracting(e -> ((EvaluationException) e).rule()).isEqualTo("draw-exists");
        assertThat(rows("ev_draw")).isEqualTo(2);
    }

    @Test
    void theMonthlyRunWaitsForItsDay() {
        pool();
        items(w.jinjiang, 5, nov(3));
        assertThat(ev.monthlyRun(3, SHANGHAI)).isEmpty();
        w.clock.set(LocalDate.of(2026, 12, 3).atTime(0, 5).atZone(SHANGHAI).toInstant());
        assertThat(ev.monthlyRun(3, SHANGHAI)).hasSize(1);
    }

    @Test
    void refusalsWriteNothing() {
        evaluator("e.none", EvaluatorKind.EXPERT, null);
        evaluator("e.my", EvaluatorKind.DEPUTY, w.mianyang);
        evaluator("x.jj", EvaluatorKind.CITIZEN_REP, w.jinjiang);
        items(w.jinjiang, 5, nov(3));
        assertRule(() -> ev.draw(provinceAdmin, w.jinjiang.id(), NOV), "too-few-evaluators");
        evaluator("e.fc", EvaluatorKind.CITIZEN_REP, w.fucheng);
        assertRule(() -> ev.draw(provinceAdmin, w.qingyang.id(), NOV), "nothing-to-draw");
        assertRule(() -> ev.draw(provinceAdmin, w.jinjiang.id(), YearMonth.of(2026, 12)), "month-not-over");
        assertRule(() -> ev.draw(mianyangAdmin, w.jinjiang.id(), NOV), "office-not-found");
        assertRule(() -> ev.draw(new Actor("cd.leader", Role.LEADER, w.chengdu.id(), null), w.jinjiang.id(), NOV),
                "admin-only");
        assertThat(rows("ev_draw")).isZero();
        assertThat(rows("ev_assignment")).isZero();
        assertThat(ev.draw(provinceAdmin, w.jinjiang.id(), NOV).result().sample()).hasSize(3);
    }

    @Test
    void evaluatorsReadOnlyTheirMattersMaskedAndScoreOnce() {
        pool();
        items(w.jinjiang, 10, nov(3));
        StoredDraw d = ev.draw(provinceAdmin, w.jinjiang.id(), NOV);
        long item = d.result().panels().get(0).matterId();
        long evaluatorId = d.result().panels().get(0).evaluatorIds().get(0);
        String me = ev.evaluators(provinceAdmin).stream().filter(e -> e.id() == evaluatorId).findFirst()
                .orElseThrow().username();
        String other = ev.evaluators(provinceAdmin).stream()
                .filter(e -> d.result().panels().stream().noneMatch(p -> p.matterId() == item
                        && p.evaluatorIds().contains(e.id())))
                .findFirst().orElseThrow().username();

        assertThat(ev.myMatters(me)).extracting(AssignedMatter::itemId).contains(item)
                .allSatisfy(id -> assertThat(d.result().sample()).contains(id));
        MaskedMatter m = ev.matter(me, item);
        assertThat(m.petitionerMasked()).isEqualTo("张**");
        assertThat(m.idMasked()).doesNotContain(w.jinjiangCaseId).contains("*");
        assertThat(m.phoneMasked()).doesNotContain("13812345678");
        assertThat(m.toString()).doesNotContain("张三").doesNotContain(w.jinjiangCaseId);
        assertThat(m.replyText()).isEqualTo("已按政策补偿到位");
        assertThat(m.myScores()).isNull();
        assertRule(() -> ev.matter(other, item), "matter-not-found");
        assertRule(() -> ev.matter("nobody", item), "not-an-evaluator");

        assertRule(() -> ev.score(me, item, new Scores(0, 5, 5, 5, null)), "score-out-of-range");
        assertRule(() -> ev.score(other, item, new Scores(5, 5, 5, 5, null)), "matter-not-found");
        assertThat(ev.score(me, item, new Scores(5, 4, 3, 4, "答复依法依规")).myScores())
                .isEqualTo(new Scores(5, 4, 3, 4, "答复依法依规"));
        assertRule(() -> ev.score(me, item, new Scores(1, 1, 1, 1, null)), "already-scored");
        assertThat(rows("ev_score")).isEqualTo(1);

        OfficeResult r = ev.result(chengduAdmin, w.jinjiang.id(), NOV);
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.sampled()).isEqualTo(3);
        assertThat(r.legality()).isEqualTo(5.0);
        assertThat(r.attitude()).isEqualTo(3.0);
        assertRule(() -> ev.result(mianyangAdmin, w.jinjiang.id(), NOV), "office-not-found");
    }

    @Test
    void poolsAreKeptByAdminsWithinTheirOffice() {
        Evaluator e = ev.addEvaluator(mianyangAdmin, new NewEvaluator("王教授", EvaluatorKind.EXPERT, null, "wang"));
        assertThat(ev.evaluators(mianyangAdmin)).extracting(Evaluator::id).containsExactly(e.id());
        assertThat(ev.evaluators(provinceAdmin)).extracting(Evaluator::id).containsExactly(e.id());
        assertThat(ev.evaluators(chengduAdmin)).isEmpty();
        assertRule(() -> ev.setActive(chengduAdmin, e.id(), false), "evaluator-not-found");
        assertRule(() -> ev.addEvaluator(provinceAdmin, new NewEvaluator("李", EvaluatorKind.DEPUTY, null, "wang")),
                "evaluator-username-taken");
        assertRule(() -> ev.addEvaluator(provinceAdmin, new NewEvaluator(" ", EvaluatorKind.DEPUTY, null, null)),
                "evaluator-incomplete");
        assertThat(ev.setActive(mianyangAdmin, e.id(), false).active()).isFalse();
        assertThat(rows("ev_evaluator")).isEqualTo(1);
    }

    @Test
    void anEvaluatorGetsOneLoginFromAnAdminOfItsPool() {
        Evaluator e = ev.addEvaluator(mianyangAdmin, new NewEvaluator("王教授", EvaluatorKind.EXPERT, null, null));
        Evaluator other = ev.addEvaluator(mianyangAdmin, new NewEvaluator("李代表", EvaluatorKind.DEPUTY, null, "li.rep"));
        assertRule(() -> ev.linkLogin(chengduAdmin, e.id(), "wang"), "evaluator-not-found");
        assertRule(() -> ev.linkLogin(new Actor("my.rev", Role.REVIEWER, w.mianyang.id(), null), e.id(), "wang"),
                "admin-only");
        assertRule(() -> ev.linkLogin(mianyangAdmin, e.id(), "w"), "username-invalid");
        assertRule(() -> ev.linkLogin(mianyangAdmin, e.id(), "wang jiaoshou"), "username-invalid");
        assertRule(() -> ev.linkLogin(mianyangAdmin, e.id(), "li.rep"), "evaluator-username-taken");
        assertThat(ev.linkLogin(provinceAdmin, e.id(), "wang.expert").username()).isEqualTo("wang.expert");
        assertRule(() -> ev.linkLogin(mianyangAdmin, e.id(), "wang2"), "evaluator-has-login");
        assertRule(() -> ev.linkLogin(mianyangAdmin, other.id(), "li.rep2"), "evaluator-has-login");
        assertThat(ev.evaluators(mianyangAdmin)).extracting(Evaluator::username).containsExactly("wang.expert", "li.rep");
    }

    @Test
    void drawsAreReadAndReRunByAdminsAndReviewersOfTheOfficeOrAboveAndResultsByStaffOnly() {
        pool();
        items(w.jinjiang, 4, nov(3));
        StoredDraw d = ev.draw(provinceAdmin, w.jinjiang.id(), NOV);
        Actor chengduReviewer = new Actor("cd.rev", Role.REVIEWER, w.chengdu.id(), null);
        assertThat(ev.draws(chengduReviewer, NOV)).extracting(StoredDraw::id).containsExactly(d.id());
        assertThat(ev.draws(chengduReviewer, NOV.minusMonths(1))).isEmpty();
        assertThat(ev.draws(mianyangAdmin, NOV)).isEmpty();
        assertThat(ev.verify(chengduReviewer, d.id()).verified()).isTrue();
        assertRule(() -> ev.verify(new Actor("my.rev", Role.REVIEWER, w.mianyang.id(), null), d.id()),
                "draw-not-found");
        assertRule(() -> ev.draws(new Actor("cd.leader", Role.LEADER, w.chengdu.id(), null), NOV), "reviewer-only");
        String drawn = ev.evaluators(provinceAdmin).stream()
                .filter(e -> e.id() == d.result().panels().get(0).evaluatorIds().get(0)).findFirst().orElseThrow()
                .username();
        Actor evaluator = new Actor(drawn, Role.EVALUATOR, w.province.id(), null);
        assertRule(() -> ev.draws(evaluator, NOV), "reviewer-only");
        assertRule(() -> ev.storedDraw(evaluator, d.id()), "reviewer-only");
        assertRule(() -> ev.result(evaluator, w.jinjiang.id(), NOV), "staff-only");
        assertThat(ev.myMatters(drawn)).isNotEmpty();
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    static void assertRule(Runnable action, String rule) {
        assertThatThrownBy(action::run).isInstanceOf(EvaluationException.class)
                .extracting(e -> ((EvaluationException) e).rule()).isEqualTo(rule);
    }
}
