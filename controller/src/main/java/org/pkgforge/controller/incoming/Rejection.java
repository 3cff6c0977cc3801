package org.pkgforge.controller.incoming;

/** A job the farm refuses, with a reason the submitter can act on. */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    public Rejection(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
