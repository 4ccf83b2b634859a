package org.lianxin.recording.compose;

/** Composing failed (unreadable segment, encoder error, I/O); no output file is left behind. */
public class ComposeException extends RuntimeException {

    public ComposeException(String message) {
        super(message);
    }

    public ComposeException(String message, Throwable cause) {
        super(message, cause);
    }
}
