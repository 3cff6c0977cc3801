package org.pkgforge.webapp.actions;

import java.util.Optional;

/**
 * Web sessions, kept by the controller (the web side's database role cannot write). Tokens are
 * opaque strings; only their hashes are stored.
 */
public interface WebLogins {
    /** Spends a one-time login token; the new session's token, or empty if unknown, used or expired. */
    Optional<String> redeem(String loginToken);

    /** A new session for a user a trusted proxy named; empty if no such farm user. */
    Optional<String> sessionFor(String user);

    /** The user of a live session. */
    Optional<WebUser> user(String sessionToken);

    void logout(String sessionToken);

    /** Logs nobody in: a read-only web UI. */
    WebLogins NONE = new WebLogins() {
        @Override
        public Optional<String> redeem(String loginToken) {
            return Optional.empty();
        }

        @Override
        public Optional<String> sessionFor(String user) {
            return Optional.empty();
        }

        @Override
        public Optional<WebUser> user(String sessionToken) {
            return Optional.empty();
        }

        @Override
        public void logout(String sessionToken) {}
    };
}
