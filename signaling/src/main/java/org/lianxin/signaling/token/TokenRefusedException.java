package org.lianxin.signaling.token;

import java.util.Objects;

/** A join token was refused; {@link #refusal()} says why. The message never contains the token. */
public final class TokenRefusedException extends Exception {

    private final TokenRefusal refusal;

    public TokenRefusedException(TokenRefusal refusal, String detail) {
        super(refusal + ": " + detail, null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public TokenRefusal refusal() {
        return refusal;
    }
}
