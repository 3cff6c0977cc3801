package org.pkgforge.protocol.job;

/**
 * A job, manifest or source package was refused. {@link #reason()} is written for the person who
 * submitted the job: it names the file and says what to fix, and never holds a stack trace.
 */
public final class JobFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public JobFormatException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public JobFormatException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** The user-facing message, e.g. {@code "hello-1.0-1.src.rpm: not an RPM file (bad magic)"}. */
    public String reason() {
        return reason;
    }
}
