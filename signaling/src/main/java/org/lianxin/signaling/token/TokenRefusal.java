package org.lianxin.signaling.token;

/**
 * Why a join token was refused. Each has its own numbered code in the browser protocol
 * ({@code org.lianxin.signaling.protocol.ErrorCode}, 2xx).
 */
public enum TokenRefusal {
    /** Not a JWT, not a join token of ours, or a required claim is missing or invalid. */
    TOKEN_MALFORMED,
    /** Unsigned ({@code alg=none}), another algorithm, another key, or altered after signing. */
    TOKEN_BAD_SIGNATURE,
    /** Past its expiry. */
    TOKEN_EXPIRED,
    /** Valid, but for another room. */
    TOKEN_WRONG_ROOM,
    /** Its validity starts in the future (beyond the allowed clock skew). */
    TOKEN_NOT_YET_VALID
}
