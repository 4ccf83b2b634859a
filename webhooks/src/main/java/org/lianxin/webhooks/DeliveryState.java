package org.lianxin.webhooks;

/** Where a delivery of one event to one endpoint is. Stored by name: never rename one. */
public enum DeliveryState {
    /** Not yet delivered: due now, waiting for its retry time, or being sent. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Given up on (retried for the whole window, or the endpoint answered 410 Gone); an administrator may re-send. */
    FAILED
}
