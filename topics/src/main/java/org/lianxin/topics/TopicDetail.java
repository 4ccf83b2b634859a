package org.lianxin.topics;

import java.util.List;

/** One topic with its matters (oldest first) and its history (oldest first). */
public record TopicDetail(Topic topic, List<TopicMatter> matters, List<TopicEvent> history) {
}
