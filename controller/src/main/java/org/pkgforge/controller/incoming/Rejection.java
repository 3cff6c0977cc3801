package org.pkgforge.controller.incoming;

/** A job the farm refuses, with a reason the submitter can act on. */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean recordable;

    public Rejection(String reason) {
        this(reason, true);
    }

    private Rejection(String reason, boolean recordable) {
        super(reason);
        this.recordable = recordable;
    }

    /** The id belongs to another job: the refusal cannot be recorded under it. */
    static Rejection idTaken(String jobId) {
        return new Rejection(IncomingProcessor.alreadyUsed(jobId), false);
    }

    public String reason() {
        return getMessage();
    }

    /** Whether the refusal may be recorded as an invalid job under the submitted id. */
    boolean recordable() {
        return recordable;
    }
}
