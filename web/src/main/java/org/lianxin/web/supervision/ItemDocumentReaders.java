package org.lianxin.web.supervision;

import org.lianxin.documents.DocumentInfo;
import org.lianxin.documents.DocumentReaders;
import org.lianxin.scheduler.Actor;
import org.lianxin.supervision.Items;

/**
 * Who may read a reply's attachment besides the uploader's subtree: whoever may read an item whose reply attaches it
 * (the supervising office and the offices above it, which are often not above the unit that uploaded it).
 */
final class ItemDocumentReaders implements DocumentReaders {
    private final Items items;

    ItemDocumentReaders(Items items) {
        this.items = items;
    }

    @Override
    public boolean mayRead(Actor actor, DocumentInfo document) {
        return items.mayReadAttachment(actor, document.id());
    }
}
