package org.lianxin.documents;

import org.lianxin.scheduler.Actor;

/**
 * Who else may read a document. Everyone whose office subtree holds the uploader's office may read it; a feature
 * that attaches documents to something (a supervision item's reply) implements this to let that thing's readers
 * read them too (the staff of the unit an item was assigned to, the supervising office). The web module asks every
 * implementation it has; one yes is enough. Implementations must be fast (called on each read) and must not throw
 * for documents they know nothing of: they answer {@code false}.
 */
public interface DocumentReaders {

    boolean mayRead(Actor actor, DocumentInfo document);
}
