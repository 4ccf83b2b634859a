package org.lianxin.web.supervision;

import java.util.List;

import org.lianxin.scheduler.Actor;

/**
 * The documents a reply attaches (答复意见, 办结报告 as PDF or images), from the documents feature. Until that feature is
 * connected, {@link Unavailable} takes replies without attachments only.
 */
public interface ReplyDocuments {

    /** A stored document as the API shows it. */
    record Document(long id, String name, String contentType, long size, String sha256) {
    }

    /**
     * The documents {@code actor} attaches to a reply, in order.
     *
     * @throws org.springframework.web.ErrorResponseException 422 naming the rule when an id is unknown, not the
     *                                                        actor's to attach, or documents are unavailable
     */
    List<Document> attach(Actor actor, List<Long> documentIds);

    /** The metadata of documents already attached, for display; ids no longer known are shown by id only. */
    List<Document> describe(List<Long> documentIds);

    /** No documents feature: a reply without attachments is taken; any id is refused (422 documents-unavailable). */
    final class Unavailable implements ReplyDocuments {
        @Override
        public List<Document> attach(Actor actor, List<Long> documentIds) {
            if (documentIds == null || documentIds.isEmpty()) return List.of();
            throw new SupervisionProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    "documents-unavailable", "attachments cannot be stored yet; reply without documents");
        }

        @Override
        public List<Document> describe(List<Long> documentIds) {
            return documentIds.stream().map(id -> new Document(id, null, null, 0, null)).toList();
        }
    }
}
