package org.lianxin.notification;

/** A notice in the outbox: waiting (also between retries), sent, or given up after the last attempt (kept). */
public enum OutboxState {
    PENDING,
    SENT,
    FAILED
}
