package org.lianxin.web.documents;

import java.util.List;

import org.lianxin.documents.DocumentInfo;
import org.lianxin.documents.DocumentNotFound;
import org.lianxin.documents.DocumentReaders;
import org.lianxin.documents.DocumentStore;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Offices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may read a document (its record and its bytes): every user whose office subtree holds the uploader's office
 * (the uploader's office and every office above it), and whoever a {@link DocumentReaders} bean lets in (a feature
 * that attaches documents to its items: their readers). Anyone else gets 404 {@code document-not-found}, as if it
 * did not exist.
 */
@Component
class DocumentAccess {
    private final DocumentStore store;
    private final Offices offices;
    private final ObjectProvider<DocumentReaders> readers;

    DocumentAccess(DocumentStore store, Offices offices, ObjectProvider<DocumentReaders> readers) {
        this.store = store;
        this.offices = offices;
        this.readers = readers;
    }

    /** The document if the actor may read it, else {@link DocumentNotFound}. */
    DocumentInfo readable(Actor actor, long id) {
        DocumentInfo d = store.find(id).orElseThrow(() -> new DocumentNotFound(id));
        if (!mayRead(actor, d)) {
            throw new DocumentNotFound(id); // do not confirm that it exists
        }
        return d;
    }

    boolean mayRead(Actor actor, DocumentInfo d) {
        if (inSubtree(actor, d.officeId())) {
            return true;
        }
        List<DocumentReaders> others = readers.orderedStream().toList();
        for (DocumentReaders r : others) {
            if (r.mayRead(actor, d)) {
                return true;
            }
        }
        return false;
    }

    private boolean inSubtree(Actor actor, long officeId) {
        try {
            return offices.get(actor.officeId()).contains(offices.get(officeId));
        } catch (NotFound e) {
            return false;
        }
    }
}
