package org.lianxin.topics;

import java.util.List;

/** A page of topics and how many match in all. */
public record TopicPage(List<Topic> topics, long total) {
}
