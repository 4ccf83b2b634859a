package org.lianxin.recording.storage;

/** A storage operation failed: the server could not be reached ({@link #unavailable()}), the object is missing, or it was refused. */
public class StorageException extends RuntimeException {

    public enum Kind { UNAVAILABLE, NOT_FOUND, REFUSED }

    private final Kind kind;

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean unavailable() {
        return kind == Kind.UNAVAILABLE;
    }

    public boolean notFound() {
        return kind == Kind.NOT_FOUND;
    }
}
