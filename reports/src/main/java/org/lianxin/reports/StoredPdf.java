package org.lianxin.reports;

/** A stored bulletin and its PDF bytes. */
public record StoredPdf(BulletinInfo info, byte[] pdf) {
}
