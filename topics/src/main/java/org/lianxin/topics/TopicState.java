package org.lianxin.topics;

/** Where a topic is: found, followed by a supervisor with a lead unit, or closed with a conclusion. */
public enum TopicState {
    /** Found by detection; collects further matters; waits for a supervisor. */
    OPEN,
    /** A supervisor took it, named a lead unit (牵头单位) and left a note; still collects further matters. */
    FOLLOWED,
    /** Closed with a conclusion; collects nothing more. A new burst of the same key opens a new topic. */
    CLOSED
}
