package org.pkgforge.controller.cli;

/** The exit codes of the admin commands, as their help footers state them. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ExitCodes() {}
}
