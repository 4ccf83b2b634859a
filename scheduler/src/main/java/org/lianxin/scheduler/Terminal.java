package org.lianxin.scheduler;

/** A reception room with a camera at an office; hosts one session at a time. */
public record Terminal(long id, long officeId, String name, String location, TerminalStatus status) {
}
