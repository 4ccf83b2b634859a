package org.lianxin.topics;

/**
 * The topic's workflow, pure: the state and the request in, the next state out, or a refusal with its rule.
 * OPEN → FOLLOWED (take: a lead unit and an optional note) → CLOSED (a conclusion). A topic is closed only once it
 * was followed: somebody has to have looked into it before it is concluded.
 */
public final class TopicWorkflow {
    public static final int NOTE_MAX = 2000;
    public static final int CONCLUSION_MAX = 4000;

    private TopicWorkflow() {
    }

    /** OPEN → FOLLOWED. */
    public static TopicState take(TopicState state, Long leadOfficeId, String note) {
        if (leadOfficeId == null) {
            throw new TopicsException.Refused("lead-unit-missing", "following a topic names its lead unit");
        }
        if (note != null && note.length() > NOTE_MAX) {
            throw new TopicsException.Refused("topic-note-too-long", "a note has at most " + NOTE_MAX + " characters");
        }
        switch (state) {
            case OPEN:
                return TopicState.FOLLOWED;
            case FOLLOWED:
                throw new TopicsException.Conflict("topic-already-followed", "the topic is followed already");
            default:
                throw new TopicsException.Conflict("topic-closed", "the topic is closed");
        }
    }

    /** FOLLOWED → CLOSED. */
    public static TopicState close(TopicState state, String conclusion) {
        if (conclusion == null || conclusion.isBlank()) {
            throw new TopicsException.Refused("conclusion-missing", "closing a topic needs a conclusion");
        }
        if (conclusion.length() > CONCLUSION_MAX) {
            throw new TopicsException.Refused("conclusion-too-long",
                    "a conclusion has at most " + CONCLUSION_MAX + " characters");
        }
        switch (state) {
            case FOLLOWED:
                return TopicState.CLOSED;
            case OPEN:
                throw new TopicsException.Refused("topic-not-followed", "a topic is followed before it is closed");
            default:
                throw new TopicsException.Conflict("topic-closed", "the topic is closed already");
        }
    }
}
