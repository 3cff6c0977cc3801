package org.pkgforge.controller.jobs;

/**
 * A refusal any edge (CLI, SSH command, web form) can show as it is: a message the user can act
 * on and the exit code the client documents (see {@link #USAGE} ...).
 */
public final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The job, or one of its targets, failed to build. */
    public static final int BUILD_FAILED = 1;

    public static final int USAGE = 2;
    /** Refused by the farm (invalid job, unknown job, server trouble). */
    public static final int SERVER = 3;

    public static final int AUTH = 4;
    public static final int CONFIG = 5;
    public static final int TIMEOUT = 6;

    private final int exitCode;

    public Failure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public Failure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
