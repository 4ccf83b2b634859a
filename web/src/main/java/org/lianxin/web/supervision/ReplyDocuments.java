package org.lianxin.web.supervision;

import java.util.List;

import org.lianxin.scheduler.Actor;

/**
 * The documents a reply attaches (答复意见, 办结报告 as PDF or images), from the documents module
 * ({@link StoredReplyDocuments}).
 */
public interface ReplyDocuments {

    /** A stored document as the API shows it. */
    record Document(long id, String name, String contentType, long size, String sha256) {
    }

    /**
     * The documents {@code actor} attaches to a reply, in order.
     *
     * @throws org.springframework.web.ErrorResponseException 422 naming the rule when an id is unknown, not the
     *                                                        actor's to attach, or documents cannot be attached
     */
    List<Document> attach(Actor actor, List<Long> documentIds);

    /** The metadata of documents already attached, for display; ids no longer known are shown by id only. */
    List<Document> describe(List<Long> documentIds);
}
