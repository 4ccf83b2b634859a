package org.lianxin.web.supervision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lianxin.documents.DocumentInfo;
import org.lianxin.documents.DocumentStore;
import org.lianxin.scheduler.Actor;
import org.springframework.http.HttpStatus;

/**
 * The reply's attachments from the documents module: a unit attaches only documents its own office uploaded (the
 * replying user's office is the unit), each once; an unknown id and another office's document are refused alike, so
 * a reply never reveals or borrows someone else's file.
 */
final class StoredReplyDocuments implements ReplyDocuments {
    static final int MAX_ATTACHMENTS = 20;

    private final DocumentStore store;

    StoredReplyDocuments(DocumentStore store) {
        this.store = store;
    }

    @Override
    public List<Document> attach(Actor actor, List<Long> documentIds) {
        if (documentIds == null || documentIds.isEmpty()) return List.of();
        if (documentIds.size() > MAX_ATTACHMENTS) {
            throw new SupervisionProblem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-attachments",
                    "at most " + MAX_ATTACHMENTS + " attachments per reply");
        }
        Set<Long> seen = new HashSet<>();
        List<Document> attached = new ArrayList<>();
        for (Long id : documentIds) {
            Optional<DocumentInfo> found = id == null ? Optional.empty() : store.find(id);
            if (found.isEmpty() || found.get().officeId() != actor.officeId() || !seen.add(id)) {
                throw new SupervisionProblem(HttpStatus.UNPROCESSABLE_CONTENT, "document-not-attachable",
                        "document " + id + " is not one your office uploaded (or is listed twice)");
            }
            attached.add(document(found.get()));
        }
        return attached;
    }

    @Override
    public List<Document> describe(List<Long> documentIds) {
        List<Document> described = new ArrayList<>();
        for (Long id : documentIds) {
            described.add(store.find(id).map(StoredReplyDocuments::document)
                    .orElse(new Document(id, null, null, 0, null)));
        }
        return described;
    }

    private static Document document(DocumentInfo d) {
        return new Document(d.id(), d.name(), d.contentType(), d.size(), d.sha256());
    }
}
