package org.lianxin.scheduler;

import java.util.List;
import java.util.Optional;

/** Petition case files, scoped to the actor's subtree. */
public interface Cases {
    CaseFile create(Actor actor, NewCase newCase);

    /** All or nothing: every row is checked first; any bad row means nothing is written and every error is listed. */
    ImportResult importAll(Actor actor, List<NewCase> cases);

    CaseFile get(Actor actor, long caseId);

    /**
     * Creates the case file of this number, or updates the one there (petitioner, ID-card number, phone, subject,
     * category, office): the same case sent twice is one case file. One transaction; a bad field is refused as
     * {@link RuleViolation} whose facts name the {@code field}.
     */
    CaseUpsert upsert(Actor actor, NewCase caseFile);

    Optional<CaseFile> byNumber(Actor actor, String caseNumber);

    /** Cases whose number, petitioner name or subject contains {@code query}, newest first. */
    List<CaseFile> search(Actor actor, String query, int limit);

    CaseFile setStatus(Actor actor, long caseId, CaseStatus status);

    /** True if {@code idNumber} is the ID-card number the case was filed with. */
    boolean identityMatches(long caseId, String idNumber);

    /**
     * The other case files of the petitioner of {@code caseId} (same ID-card number), oldest first, whatever office
     * they lie under: for the system's own checks (a problem raised twice), not for display to a user. Cases filed
     * before petitioners were linked are found once the petitioner's identity was checked on them.
     */
    List<CaseFile> samePetitioner(long caseId);
}
