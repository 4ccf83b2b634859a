package org.lianxin.supervision;

/**
 * The periodic look over open items: reminders (催办) before the deadline, overdue marking, and escalation of an overdue
 * item to the office above its supervising office. Each effect happens once per item, even with several nodes
 * sweeping at the same time.
 */
public interface SupervisionSweep {
    /** @return what this run did (effects another node did first are not counted) */
    Result run();

    record Result(int reminded, int overdue, int escalated) {
    }
}
