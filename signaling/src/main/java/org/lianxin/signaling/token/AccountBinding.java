package org.lianxin.signaling.token;

/**
 * The staff account a join token was issued to, and that account's security stamp then: a token whose account has
 * another stamp now (its role, office, password or active flag changed since) is refused, and a connection joined with
 * it is closed ({@code ROOM_SESSION_ENDED}). A petitioner's token (the terminal's) has none: a terminal is not an account.
 *
 * @param accountId the account ({@code app_user.id})
 * @param stamp     its {@code security_stamp} when the token was issued
 */
public record AccountBinding(long accountId, long stamp) {
}
