package org.pkgforge.protocol.codec;

/** A frame that breaks the wire contract. The connection it came on is closed. */
public final class ProtocolException extends Exception {
    /** What was wrong, so callers and tests can tell failures apart without parsing text. */
    public enum Kind {
        TRUNCATED,
        UNKNOWN_TYPE,
        UNKNOWN_FIELD,
        UNEXPECTED_TAIL,
        OVERSIZE,
        BAD_JSON
    }

    private final Kind kind;

    public ProtocolException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProtocolException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
