package org.lianxin.scheduler;

/** OPEN → ENDED (by the host, or when its live room ends). */
public enum ConsultationState {
    OPEN, ENDED
}
