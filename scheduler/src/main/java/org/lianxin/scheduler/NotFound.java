package org.lianxin.scheduler;

/** An id that does not exist (or that the actor may not know exists). */
public final class NotFound extends SchedulerException {
    public NotFound(String kind, Object id) {
        super(kind + "-not-found", kind + " " + id + " not found");
    }
}
