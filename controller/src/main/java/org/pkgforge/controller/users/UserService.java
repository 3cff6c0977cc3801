package org.pkgforge.controller.users;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.sql.dao.UserDao;
import org.pkgforge.sql.row.FarmUser;
import org.pkgforge.sql.row.UserKey;

/**
 * Farm users and their SSH keys, for every edge: the admin CLI adds and revokes, the SSH server
 * asks {@link #authorizes} on every authentication (so a revocation counts at once).
 */
public final class UserService {
    private static final String NAME_RULE = "[a-z_][a-z0-9_-]{0,31}";

    private final Jdbi jdbi;

    public UserService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public FarmUser addUser(String name, boolean admin, PublicKeys.ParsedKey key) throws Failure {
        checkName(name);
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            if (users.findUser(name).isPresent()) {
                throw new Failure(
                        Failure.USAGE, "user " + name + " already exists; add keys with: pkgforge user key add");
            }
            int id = users.addUser(name, admin);
            addKey(users, id, key);
            return users.findUser(name).orElseThrow();
        });
    }

    public void addKey(String name, PublicKeys.ParsedKey key) throws Failure {
        jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            addKey(users, require(users, name).id(), key);
            return null;
        });
    }

    /** Revokes by fingerprint ("SHA256:...") or by the key itself. */
    public void revokeKey(String name, String fingerprintOrKey) throws Failure {
        String fingerprint = fingerprintOrKey.startsWith("SHA256:")
                ? fingerprintOrKey
                : PublicKeys.fromArgument(fingerprintOrKey).fingerprint();
        jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            if (!users.revokeKey(require(users, name).id(), fingerprint)) {
                throw new Failure(
                        Failure.USAGE,
                        "user " + name + " has no live key " + fingerprint + "; see pkgforge user key list " + name);
            }
            return null;
        });
    }

    /**
     * Grants or revokes the admin flag; returns the user as it is now. {@code by} is the farm user
     * making the change (on the web pages): an admin may not revoke their own flag there, so the
     * pages can never lock every admin out. It is empty from the CLI, whose user holds the
     * registry's own credentials and can always grant it again. The web side reads the flag on
     * every request, so the change counts at once, sessions already open included.
     */
    public FarmUser setAdmin(String name, boolean admin, Optional<String> by) throws Failure {
        if (!admin && by.isPresent() && by.get().equals(name)) {
            throw new Failure(
                    Failure.SERVER,
                    "you cannot revoke your own admin flag (the farm would risk having no admin left); ask"
                            + " another admin, or run: pkgforge user set " + name + " --no-admin");
        }
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            require(users, name);
            users.setAdmin(name, admin);
            return users.findUser(name).orElseThrow();
        });
    }

    public List<UserKey> keys(String name) throws Failure {
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            return users.keysOf(require(users, name).id());
        });
    }

    public List<FarmUser> users() {
        return jdbi.withExtension(UserDao.class, UserDao::listUsers);
    }

    public Optional<FarmUser> find(String name) {
        if (!name.matches(NAME_RULE)) {
            return Optional.empty();
        }
        return jdbi.withExtension(UserDao.class, users -> users.findUser(name));
    }

    /** True if {@code key} is a live key of {@code name}; asked anew for every session. */
    public boolean authorizes(String name, PublicKey key) {
        if (!name.matches(NAME_RULE)) {
            return false;
        }
        String fingerprint = PublicKeys.fingerprint(key);
        return jdbi.withExtension(UserDao.class, users -> users.isAuthorized(name, fingerprint));
    }

    private static void addKey(UserDao users, int userId, PublicKeys.ParsedKey key) throws Failure {
        boolean taken = users.keysOf(userId).stream()
                .anyMatch(k -> !k.revoked() && k.fingerprint().equals(key.fingerprint()));
        if (taken) {
            throw new Failure(Failure.USAGE, "key " + key.fingerprint() + " is already registered for this user");
        }
        try {
            users.addKey(userId, key.algorithm(), key.publicKey(), key.fingerprint(), key.comment());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("user_key_live_fingerprint")) {
                throw new Failure(Failure.USAGE, "key " + key.fingerprint() + " already belongs to another user");
            }
            throw e;
        }
    }

    private static FarmUser require(UserDao users, String name) throws Failure {
        return users.findUser(name)
                .orElseThrow(() -> new Failure(Failure.USAGE, "no user " + name + "; add one with: pkgforge user add"));
    }

    private static void checkName(String name) throws Failure {
        if (!name.matches(NAME_RULE)) {
            throw new Failure(
                    Failure.USAGE,
                    "user name '" + name + "' is invalid: a login name (lower-case letter or _, then a-z 0-9 _ -),"
                            + " at most 32 characters");
        }
    }
}
