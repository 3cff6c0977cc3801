package org.pkgforge.controller.web;

import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.webapp.actions.Refused;

/** A service's {@link Failure} as the web side shows it: the same message, a status by its code. */
final class Refusals {
    private Refusals() {}

    static Refused of(Failure f) {
        Refused.Kind kind =
                switch (f.exitCode()) {
                    case Failure.USAGE -> Refused.Kind.INVALID;
                    case Failure.AUTH -> Refused.Kind.FORBIDDEN;
                    default -> Refused.Kind.CONFLICT;
                };
        return new Refused(kind, f.getMessage(), f);
    }
}
