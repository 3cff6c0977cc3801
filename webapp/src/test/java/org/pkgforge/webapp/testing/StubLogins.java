package org.pkgforge.webapp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pkgforge.webapp.actions.WebLogins;
import org.pkgforge.webapp.actions.WebUser;

/**
 * Fixed sessions for page tests: {@code sessions} maps session tokens to users, {@code logins}
 * one-time login tokens to the session they start; logouts are recorded in {@code calls}.
 */
public record StubLogins(Map<String, WebUser> sessions, Map<String, String> logins, List<String> calls)
        implements WebLogins {
    public StubLogins(Map<String, WebUser> sessions) {
        this(sessions, Map.of(), new ArrayList<>());
    }

    @Override
    public Optional<String> redeem(String loginToken) {
        return Optional.ofNullable(logins.get(loginToken));
    }

    @Override
    public Optional<String> sessionFor(String user) {
        return Optional.empty();
    }

    @Override
    public Optional<WebUser> user(String sessionToken) {
        return Optional.ofNullable(sessions.get(sessionToken));
    }

    @Override
    public void logout(String sessionToken) {
        calls.add("logout " + sessionToken);
    }
}
