package org.lianxin.web.topics;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.CaseUpsert;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.ImportResult;
import org.lianxin.scheduler.NewCase;
import org.lianxin.topics.DetectionResult;
import org.lianxin.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The scheduler's {@link Cases} with the topics check after the case's transaction committed: a created case's
 * category × place is checked at once (cheap: one key); an import runs detection over every key. The case stands
 * whatever the check does: a failed check is logged, and the periodic sweep finds the burst.
 */
final class TopicCheckingCases implements Cases {
    private static final Logger log = LoggerFactory.getLogger(TopicCheckingCases.class);
    private final Cases cases;
    private final Supplier<Topics> topics;

    TopicCheckingCases(Cases cases, Supplier<Topics> topics) {
        this.cases = cases;
        this.topics = topics;
    }

    @Override
    public CaseFile create(Actor actor, NewCase newCase) {
        CaseFile c = cases.create(actor, newCase);
        check("case " + c.id(), () -> topics.get().checkCase(c.id()));
        return c;
    }

    /**
     * A case file sent by the petition information system: checked like a created one (its place may be new), after
     * the commit of the caller's transaction if there is one (the inbound API records the request in it too).
     */
    @Override
    public CaseUpsert upsert(Actor actor, NewCase caseFile) {
        CaseUpsert u = cases.upsert(actor, caseFile);
        Runnable checkIt = () -> check("case " + u.caseFile().id(), () -> topics.get().checkCase(u.caseFile().id()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkIt.run();
                }
            });
        } else {
            checkIt.run();
        }
        return u;
    }

    @Override
    public ImportResult importAll(Actor actor, List<NewCase> all) {
        ImportResult r = cases.importAll(actor, all);
        if (r.errors().isEmpty() && !all.isEmpty()) check("import", () -> topics.get().detect());
        return r;
    }

    private static void check(String what, Supplier<DetectionResult> run) {
        try {
            DetectionResult r = run.get();
            if (r.opened() + r.mattersAdded() > 0) {
                log.info("topics after {}: {} opened, {} matters added", what, r.opened(), r.mattersAdded());
            }
        } catch (RuntimeException e) {
            log.warn("topics check after {} failed; the sweep will look again", what, e);
        }
    }

    @Override
    public CaseFile get(Actor actor, long caseId) {
        return cases.get(actor, caseId);
    }

    @Override
    public Optional<CaseFile> byNumber(Actor actor, String caseNumber) {
        return cases.byNumber(actor, caseNumber);
    }

    @Override
    public List<CaseFile> search(Actor actor, String query, int limit) {
        return cases.search(actor, query, limit);
    }

    @Override
    public CaseFile setStatus(Actor actor, long caseId, CaseStatus status) {
        return cases.setStatus(actor, caseId, status);
    }

    @Override
    public boolean identityMatches(long caseId, String idNumber) {
        return cases.identityMatches(caseId, idNumber);
    }

    @Override
    public List<CaseFile> samePetitioner(long caseId) {
        return cases.samePetitioner(caseId);
    }
}
