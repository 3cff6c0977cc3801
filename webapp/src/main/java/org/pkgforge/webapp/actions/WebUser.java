package org.pkgforge.webapp.actions;

/** A logged-in farm user; {@code admin} may act on every job. */
public record WebUser(String name, boolean admin) {
    /** The owner of a job (its submitter) or an admin. */
    public boolean mayActOn(String submitter) {
        return admin || name.equals(submitter);
    }
}
