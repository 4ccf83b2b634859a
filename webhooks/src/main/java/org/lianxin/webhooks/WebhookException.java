package org.lianxin.webhooks;

/**
 * What the webhooks module refuses, each with a stable {@link #rule()} that the REST layer maps to a problem detail.
 * Messages name the field and never hold a secret.
 */
public abstract sealed class WebhookException extends RuntimeException {
    private final String rule;

    private WebhookException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** A stable code such as {@code webhook-invalid-url}. */
    public String rule() {
        return rule;
    }

    /** No endpoint with that id in the offices the caller may see. */
    public static final class EndpointNotFound extends WebhookException {
        public EndpointNotFound(long id) {
            super("webhook-endpoint-not-found", "no webhook endpoint " + id);
        }
    }

    /** No delivery with that id in the offices the caller may see. */
    public static final class DeliveryNotFound extends WebhookException {
        public DeliveryNotFound(long id) {
            super("webhook-delivery-not-found", "no webhook delivery " + id);
        }
    }

    /** A field of an endpoint is not acceptable. */
    public static final class InvalidEndpoint extends WebhookException {
        private final String field;

        public InvalidEndpoint(String field, String message) {
            super("webhook-invalid-" + field.toLowerCase(java.util.Locale.ROOT), field + ": " + message);
            this.field = field;
        }

        /** The field at fault: url, description, eventTypes. */
        public String field() {
            return field;
        }
    }

    /** A delivery still being tried cannot be re-sent. */
    public static final class NotResendable extends WebhookException {
        public NotResendable(long id) {
            super("webhook-delivery-pending", "webhook delivery " + id + " is still being tried; re-send it once"
                    + " it was delivered or given up on");
        }
    }
}
