package org.lianxin.scheduler;

/**
 * A consultation to open; the caller hosts it.
 *
 * @param caseId    the case it is about (in the host's jurisdiction), or null
 * @param recording whether the live room is to be recorded
 */
public record NewConsultation(String title, Long caseId, boolean recording) {
}
