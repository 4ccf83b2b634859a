package org.lianxin.evaluation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.lianxin.evaluation.internal.JdbcDraws;
import org.lianxin.evaluation.internal.JdbcPanels;
import org.lianxin.evaluation.internal.JdbcPool;
import org.lianxin.evaluation.internal.OfficeRow;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Third-party evaluation: the pool and its logins (ADMIN of the office keeping it), the draws (ADMIN of an office
 * above or at the evaluated one, on demand; the monthly run as the system; read and re-run by its ADMIN and
 * REVIEWER), the evaluator's matters and scores (the evaluator, by
 * the username they sign in with), and the results per office and month. One transaction per command.
 */
public final class ThirdPartyEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(ThirdPartyEvaluation.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Supplier<byte[]> seeds;
    private final JdbcPool pool;
    private final JdbcDraws draws;
    private final JdbcPanels panels;

    ThirdPartyEvaluation(DataSource ds, PlatformTransactionManager tm, Clock clock, Supplier<byte[]> seeds) {
        this.jdbc = JdbcClient.create(ds);
        this.tx = new TransactionTemplate(tm);
        this.clock = clock;
        this.seeds = seeds;
        this.pool = new JdbcPool(jdbc);
        this.draws = new JdbcDraws(jdbc);
        this.panels = new JdbcPanels(jdbc);
    }

    /** Seeds from {@link SecureRandom}, {@value Draw#SEED_BYTES} bytes each. */
    public static ThirdPartyEvaluation create(DataSource ds, PlatformTransactionManager tm, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new ThirdPartyEvaluation(ds, tm, clock, () -> {
            byte[] seed = new byte[Draw.SEED_BYTES];
            random.nextBytes(seed);
            return seed;
        });
    }

    // ---- the pool

    public Evaluator addEvaluator(Actor admin, NewEvaluator e) {
        OfficeRow home = adminOffice(admin);
        if (e.name() == null || e.name().isBlank() || e.kind() == null) {
            throw new EvaluationException.Refused("evaluator-incomplete", "an evaluator needs a name and a kind");
        }
        return tx.execute(s -> {
            OfficeRow affiliation = e.affiliationOfficeId() == null ? null : office(e.affiliationOfficeId());
            try {
                long id = pool.insert(e, affiliation, home, admin.username(), clock.instant());
                return pool.find(id).orElseThrow();
            } catch (DuplicateKeyException dup) {
                throw new EvaluationException.Conflict("evaluator-username-taken",
                        "another evaluator signs in as " + e.username());
            }
        });
    }

    public Evaluator setActive(Actor admin, long evaluatorId, boolean active) {
        OfficeRow home = adminOffice(admin);
        return tx.execute(s -> {
            Evaluator e = pool.find(evaluatorId).filter(x -> pool.poolPath(x.id()).startsWith(home.path()))
                    .orElseThrow(() -> new EvaluationException.NotFound("evaluator", evaluatorId));
            pool.setActive(e.id(), active);
            return pool.find(evaluatorId).orElseThrow();
        });
    }

    /**
     * Links an evaluator of the admin's pool to the login it will sign in with (an account of role EVALUATOR, made by
     * the caller in the same transaction). Refused when the evaluator has a login already ({@code evaluator-has-login},
     * 409), the name is taken ({@code evaluator-username-taken}, 409) or malformed ({@code username-invalid}, 422).
     */
    public Evaluator linkLogin(Actor admin, long evaluatorId, String username) {
        OfficeRow home = adminOffice(admin);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new EvaluationException.Refused("username-invalid",
                    "a login is 3 to 64 letters, digits, dots, dashes or underscores");
        }
        return tx.execute(s -> {
            Evaluator e = pool.find(evaluatorId).filter(x -> pool.poolPath(x.id()).startsWith(home.path()))
                    .orElseThrow(() -> new EvaluationException.NotFound("evaluator", evaluatorId));
            if (e.username() != null) {
                throw new EvaluationException.Conflict("evaluator-has-login",
                        "evaluator " + evaluatorId + " signs in already");
            }
            try {
                pool.setUsername(e.id(), username);
            } catch (DuplicateKeyException dup) {
                throw new EvaluationException.Conflict("evaluator-username-taken",
                        "another evaluator signs in as " + username);
            }
            return pool.find(evaluatorId).orElseThrow();
        });
    }

    public List<Evaluator> evaluators(Actor admin) {
        return pool.within(adminOffice(admin).path());
    }

    // ---- draws

    /** Draws the office's month on demand; refused ({@code draw-exists}, 409) if it has been drawn. */
    public StoredDraw draw(Actor admin, long officeId, YearMonth month) {
        OfficeRow home = adminOffice(admin);
        OfficeRow evaluated = office(officeId);
        if (!home.covers(evaluated)) throw new EvaluationException.NotFound("office", officeId);
        if (!month.isBefore(YearMonth.from(clock.instant().atZone(evaluated.zone())))) {
            throw new EvaluationException.Refused("month-not-over", month + " is not over yet");
        }
        return drawNow(evaluated, month, admin.username());
    }

    private StoredDraw drawNow(OfficeRow office, YearMonth month, String by) {
        try {
            return tx.execute(s -> {
                if (draws.exists(office.id(), month)) {
                    throw new EvaluationException.Conflict("draw-exists", office.id() + " was drawn for " + month);
                }
                DrawInputs in = inputs(office, month);
                byte[] seed = seeds.get();
                DrawResult result = Draw.run(in, seed);
                long id = draws.insert(office, in, Draw.ALGORITHM, HexFormat.of().formatHex(seed), result, by,
                        clock.instant());
                return draws.find(id).orElseThrow();
            });
        } catch (DuplicateKeyException raced) {
            throw new EvaluationException.Conflict("draw-exists", office.id() + " was drawn for " + month);
        }
    }

    private DrawInputs inputs(OfficeRow office, YearMonth month) {
        return new DrawInputs(month, office.id(), draws.completedItems(office, month), pool.eligible(office.path()));
    }

    /**
     * The monthly run: on {@code day} of the month (in {@code zone}) and after, draws the previous month for every
     * office with completed matters that has no draw of it yet. Safe on two nodes: the (office, month) key lets only
     * one draw stand. Offices refused (too few evaluators) are logged and left for the next run.
     *
     * @return the draws made by this call
     */
    public List<StoredDraw> monthlyRun(int day, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (today.getDayOfMonth() < day) return List.of();
        YearMonth month = YearMonth.from(today).minusMonths(1);
        Instant from = month.atDay(1).atStartOfDay(zone).minusDays(1).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).plusDays(1).toInstant();
        List<StoredDraw> made = new ArrayList<>();
        for (long officeId : draws.officesWithAcceptances(from, to)) {
            OfficeRow office = office(officeId);
            if (draws.exists(officeId, month)) continue;
            try {
                made.add(drawNow(office, month, "system"));
            } catch (EvaluationException e) {
                LOG.info("third-party draw of office {} for {} not made: {}", officeId, month, e.rule());
            }
        }
        return made;
    }

    /** The draws of a month of the offices the viewer (ADMIN or REVIEWER) sees, by office path. */
    public List<StoredDraw> draws(Actor viewer, YearMonth month) {
        return draws.within(reviewerOffice(viewer).path(), month);
    }

    /** A stored draw, for an ADMIN or REVIEWER of its office or one above; 404 for any other. */
    public StoredDraw storedDraw(Actor viewer, long drawId) {
        OfficeRow home = reviewerOffice(viewer);
        return draws.find(drawId).filter(d -> draws.officePath(drawId).startsWith(home.path()))
                .orElseThrow(() -> new EvaluationException.NotFound("draw", drawId));
    }

    public Optional<Long> drawOf(long officeId, YearMonth month) {
        return draws.idOf(officeId, month);
    }

    /** Re-runs a stored draw from its seed and inputs, and compares the inputs with today's data. */
    public Verification verify(Actor viewer, long drawId) {
        StoredDraw d = storedDraw(viewer, drawId);
        DrawResult rerun = Draw.run(d.inputs(), HexFormat.of().parseHex(d.seedHex()));
        DrawInputs today = inputs(office(d.inputs().officeId()), d.inputs().month());
        return new Verification(drawId, d.inputsHash(), d.inputs().hash(), d.inputs().hash().equals(d.inputsHash()),
                today.hash().equals(d.inputsHash()), rerun.equals(d.result()));
    }

    // ---- the evaluator

    public List<AssignedMatter> myMatters(String evaluatorUsername) {
        return panels.assigned(me(evaluatorUsername).id());
    }

    /** A matter the evaluator was drawn for, masked; 404 for any other. */
    public MaskedMatter matter(String evaluatorUsername, long itemId) {
        Evaluator me = me(evaluatorUsername);
        long drawId = panels.drawFor(me.id(), itemId)
                .orElseThrow(() -> new EvaluationException.NotFound("matter", itemId));
        return panels.matter(drawId, itemId, me.id());
    }

    /** Whether the evaluator may play the recording back: it is of a matter they were drawn for. */
    public boolean mayViewRecording(String evaluatorUsername, long recordingId) {
        return pool.byUsername(evaluatorUsername).filter(Evaluator::active)
                .map(e -> panels.mayView(e.id(), recordingId)).orElse(false);
    }

    /** Scores a matter once; a second time is {@code already-scored} (409). */
    public MaskedMatter score(String evaluatorUsername, long itemId, Scores scores) {
        for (int v : new int[] {scores.legality(), scores.timeliness(), scores.attitude(), scores.result()}) {
            if (v < 1 || v > 5) throw new EvaluationException.Refused("score-out-of-range", "scores are 1 to 5");
        }
        if (scores.comment() != null && scores.comment().length() > 2000) {
            throw new EvaluationException.Refused("comment-too-long", "a comment has at most 2000 characters");
        }
        Evaluator me = me(evaluatorUsername);
        long drawId = panels.drawFor(me.id(), itemId)
                .orElseThrow(() -> new EvaluationException.NotFound("matter", itemId));
        try {
            tx.executeWithoutResult(s -> {
                if (panels.scored(drawId, itemId, me.id())) throw alreadyScored(itemId);
                panels.score(drawId, itemId, me.id(), scores, clock.instant());
            });
        } catch (DataIntegrityViolationException raced) {
            throw alreadyScored(itemId);
        }
        return panels.matter(drawId, itemId, me.id());
    }

    // ---- results

    public OfficeResult result(Actor viewer, long officeId, YearMonth month) {
        if (!viewer.role().isStaff()) {
            throw new EvaluationException.Forbidden("staff-only", "an evaluator does not read offices' results");
        }
        OfficeRow evaluated = office(officeId);
        OfficeRow home = office(viewer.officeId());
        if (!home.covers(evaluated)) throw new EvaluationException.NotFound("office", officeId);
        return draws.idOf(officeId, month).map(id -> panels.result(id, officeId, month))
                .orElse(new OfficeResult(officeId, month, 0, 0, null, null, null, null));
    }

    private static EvaluationException alreadyScored(long itemId) {
        return new EvaluationException.Conflict("already-scored", "matter " + itemId + " was scored already");
    }

    private Evaluator me(String username) {
        return pool.byUsername(username).filter(Evaluator::active)
                .orElseThrow(() -> new EvaluationException.Forbidden("not-an-evaluator",
                        "the user is not an active evaluator"));
    }

    private OfficeRow adminOffice(Actor admin) {
        if (!admin.may(Role.ADMIN)) {
            throw new EvaluationException.Forbidden("admin-only", "only an administrator manages evaluation");
        }
        return office(admin.officeId());
    }

    /** Draws, their records and their re-runs are open to the offices' administrators and reviewers. */
    private OfficeRow reviewerOffice(Actor viewer) {
        if (!viewer.may(Role.ADMIN, Role.REVIEWER)) {
            throw new EvaluationException.Forbidden("reviewer-only",
                    "only administrators and reviewers read the draws");
        }
        return office(viewer.officeId());
    }

    private OfficeRow office(long id) {
        return OfficeRow.find(jdbc, id).orElseThrow(() -> new EvaluationException.NotFound("office", id));
    }
}
