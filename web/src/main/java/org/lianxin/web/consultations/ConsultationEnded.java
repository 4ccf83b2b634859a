package org.lianxin.web.consultations;

/** Published after a consultation was ended through the API: its live room, if open, ends. */
public record ConsultationEnded(long consultationId) {
}
