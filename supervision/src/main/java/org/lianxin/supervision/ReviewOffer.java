package org.lianxin.supervision;

import java.time.LocalDate;

/** The petitioner may ask for 复查 (REVIEW) or 复核 (RE_REVIEW) until {@code until} (30 days after the written reply). */
public record ReviewOffer(LocalDate until, ItemKind level) {
}
