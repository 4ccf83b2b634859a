package org.lianxin.supervision;

import org.lianxin.scheduler.Actor;

/** Supervision items: reads scoped to the actor, each act one transaction checked by the workflow. */
public interface Items {
    /** Items the actor may read, overdue first, then by deadline. */
    ItemPage list(Actor actor, ItemQuery query);

    /** Items whose unit is the actor's office. */
    ItemPage inbox(Actor actor, ItemQuery query);

    /** @throws SupervisionException.NotFound also when the actor may not read it */
    Item get(Actor actor, long itemId);

    Item sign(Actor actor, long itemId);

    Item progress(Actor actor, long itemId, String text);

    Item requestExtension(Actor actor, long itemId, int days, String reason);

    Item decideExtension(Actor actor, long itemId, boolean approve, String note);

    Item reply(Actor actor, long itemId, String text, String completionReport, java.util.List<Long> documentIds);

    Item accept(Actor actor, long itemId, String note);

    Item returnForRedo(Actor actor, long itemId, String reason);

    Item remind(Actor actor, long itemId, String note);

    /**
     * True if {@code documentId} is attached to a reply of an item the actor may read (the unit's staff, the
     * supervising office and the offices above it): they may read the document too.
     */
    boolean mayReadAttachment(Actor actor, long documentId);

    /** A 督办单; the supervising office is the actor's (REVIEWER, LEADER or ADMIN); the unit in its subtree. */
    Item order(Actor actor, NewOrder order);
}
