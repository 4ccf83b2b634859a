package org.lianxin.signaling.live;

import org.lianxin.signaling.token.AccountBinding;

/**
 * Whether a staff account still stands as a join token bound to it says (its security stamp unchanged, still active):
 * asked at every join with such a token; a token whose account was changed since it was issued is refused with
 * {@code ROOM_SESSION_ENDED}. Called on the connection's thread, never under a room's lock.
 */
@FunctionalInterface
public interface AccountGate {
    /** Lets every token in (one instance without accounts, tests). */
    AccountGate OPEN = account -> true;

    boolean current(AccountBinding account);
}
