package org.lianxin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicWorkflowTest {

    static void refused(Runnable r, Class<? extends TopicsException> type, String rule) {
        assertThatThrownBy(r::run).isInstanceOf(type).extracting(e -> ((TopicsException) e).rule()).isEqualTo(rule);
    }

    @Test
    void anOpenTopicIsFollowedWithALeadUnitThenClosedWithAConclusion() {
        TopicState followed = TopicWorkflow.take(TopicState.OPEN, 7L, "请住建局牵头");
        assertThat(followed).isEqualTo(TopicState.FOLLOWED);
        assertThat(TopicWorkflow.close(followed, "已统一政策答复")).isEqualTo(TopicState.CLOSED);
    }

    @Test
    void takingNeedsALeadUnitAndAShortNote() {
        refused(() -> TopicWorkflow.take(TopicState.OPEN, null, null), TopicsException.Refused.class,
                "lead-unit-missing");
        refused(() -> TopicWorkflow.take(TopicState.OPEN, 7L, "字".repeat(2001)), TopicsException.Refused.class,
                "topic-note-too-long");
        assertThat(TopicWorkflow.take(TopicState.OPEN, 7L, "字".repeat(2000))).isEqualTo(TopicState.FOLLOWED);
    }

    @Test
    void aTopicIsTakenOnceAndNeverAfterItsClose() {
        refused(() -> TopicWorkflow.take(TopicState.FOLLOWED, 7L, null), TopicsException.Conflict.class,
                "topic-already-followed");
        refused(() -> TopicWorkflow.take(TopicState.CLOSED, 7L, null), TopicsException.Conflict.class, "topic-closed");
    }

    @Test
    void closingNeedsAFollowedTopicAndAConclusion() {
        refused(() -> TopicWorkflow.close(TopicState.OPEN, "结论"), TopicsException.Refused.class,
                "topic-not-followed");
        refused(() -> TopicWorkflow.close(TopicState.CLOSED, "结论"), TopicsException.Conflict.class, "topic-closed");
        refused(() -> TopicWorkflow.close(TopicState.FOLLOWED, "  "), TopicsException.Refused.class,
                "conclusion-missing");
        refused(() -> TopicWorkflow.close(TopicState.FOLLOWED, null), TopicsException.Refused.class,
                "conclusion-missing");
        refused(() -> TopicWorkflow.close(TopicState.FOLLOWED, "x".repeat(4001)), TopicsException.Refused.class,
                "conclusion-too-long");
    }
}
