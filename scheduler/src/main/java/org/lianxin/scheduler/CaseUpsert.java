package org.lianxin.scheduler;

/**
 * What {@link Cases#upsert} did with a case file sent by the petition information system.
 *
 * @param created true if the number was new and the case file was created, false if the existing one was updated
 */
public record CaseUpsert(CaseFile caseFile, boolean created) {
}
