package org.pkgforge.controller.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.sql.dao.WebSessionDao;
import org.pkgforge.webapp.actions.WebLogins;
import org.pkgforge.webapp.actions.WebUser;

/**
 * Web logins for every edge: {@code pkgforge web-login} over SSH {@link #issue issues} a one-time
 * token (the user is whoever SSH authenticated), the web side {@link #redeem redeems} it for a
 * session. Tokens are 256 random bits; the registry keeps only their SHA-256, and keeps sessions,
 * so a restarted controller still knows them.
 */
public final class WebLoginService implements WebLogins {
    /** How long a login URL works: long enough to paste it, short enough to be useless later. */
    public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(2);

    private static final String FROM_SSH = "ssh";
    private static final String FROM_PROXY = "proxy";

    private final SecureRandom random = new SecureRandom();
    private final Jdbi jdbi;
    private final Duration sessionLifetime;

    public WebLoginService(Jdbi jdbi, Duration sessionLifetime) {
        this.jdbi = jdbi;
        this.sessionLifetime = sessionLifetime;
    }

    /** A fresh one-time login token for {@code user}. */
    public String issue(String user) throws Failure {
        String token = newToken();
        boolean added = jdbi.withExtension(WebSessionDao.class, dao -> {
            dao.purgeExpired();
            return dao.addLogin(hash(token), user, LOGIN_LIFETIME.toSeconds());
        });
        if (!added) {
            throw new Failure(Failure.AUTH, "unknown user " + user);
        }
        return token;
    }

    @Override
    public Optional<String> redeem(String loginToken) {
        return jdbi.inTransaction(h -> {
            WebSessionDao dao = h.attach(WebSessionDao.class);
            return dao.spendLogin(hash(loginToken)).flatMap(user -> newSession(dao, user, FROM_SSH));
        });
    }

    @Override
    public Optional<String> sessionFor(String user) {
        return jdbi.withExtension(WebSessionDao.class, dao -> {
            dao.purgeExpired(); // a proxy-only site never issues login tokens, which also purge
            return newSession(dao, user, FROM_PROXY);
        });
    }

    @Override
    public Optional<WebUser> user(String sessionToken) {
        return jdbi.withExtension(WebSessionDao.class, dao -> dao.findSession(hash(sessionToken)))
                .map(s -> new WebUser(s.name(), s.admin()));
    }

    @Override
    public void logout(String sessionToken) {
        jdbi.useExtension(WebSessionDao.class, dao -> dao.endSession(hash(sessionToken)));
    }

    private Optional<String> newSession(WebSessionDao dao, String user, String origin) {
        String token = newToken();
        return dao.addSession(hash(token), user, sessionLifetime.toSeconds(), origin)
                ? Optional.of(token)
                : Optional.empty();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        return Checksums.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
