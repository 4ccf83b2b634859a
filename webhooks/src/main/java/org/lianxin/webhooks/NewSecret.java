package org.lianxin.webhooks;

/**
 * An endpoint just made, or just given a new secret: the only time the secret is shown in full.
 *
 * @param secret the new {@code whsec_…}; its {@code toString} is masked
 */
public record NewSecret(Endpoint endpoint, WebhookSecret secret) {
}
