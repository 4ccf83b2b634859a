package org.lianxin.reports;

import java.time.Instant;

/** A stored bulletin (the PDF issued on the 1st for the month before, or on demand): what it is, not its bytes. */
public record BulletinInfo(long id, long officeId, String officeCode, String officeName, Period.Kind kind,
                           String period, Instant generatedAt, String generatedBy, int size, String sha256) {
}
