package org.lianxin.signaling.protocol;

import java.util.Objects;

/** A frame could not be decoded; {@link #toFailure()} is the error to send back. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;
    private final String correlation;

    public ProtocolException(ErrorCode code, String detail, String correlation) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.correlation = correlation;
    }

    public ErrorCode code() {
        return code;
    }

    /** The correlation id, when the frame was readable enough to have one; else null. */
    public String correlation() {
        return correlation;
    }

    public ServerMessage.Failure toFailure() {
        return new ServerMessage.Failure(code, getMessage(), correlation);
    }
}
