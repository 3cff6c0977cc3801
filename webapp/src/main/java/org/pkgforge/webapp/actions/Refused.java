package org.pkgforge.webapp.actions;

/**
 * An action the farm refused, with a message the user can act on (shown HTML-escaped) and what
 * kind of refusal it is, which the page turns into an HTTP status.
 */
public final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, as far as the status code is concerned. */
    public enum Kind {
        INVALID(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_LARGE(413);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public Refused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Refused(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
