package org.pkgforge.controller.sftp;

import java.security.PublicKey;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Public-key authentication against the registry, asked anew for every session (revocation is immediate). */
final class RegistryKeyAuthenticator implements PublickeyAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(RegistryKeyAuthenticator.class);

    private final UserService users;

    RegistryKeyAuthenticator(UserService users) {
        this.users = users;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean ok;
        try {
            ok = users.authorizes(username, key);
        } catch (RuntimeException e) {
            log.error("registry unavailable while authenticating {}", username, e);
            return false;
        }
        if (!ok) {
            log.warn(
                    "refused key {} for user '{}' from {}",
                    PublicKeys.fingerprint(key),
                    username.replaceAll("[^A-Za-z0-9_.-]", "?"),
                    session.getClientAddress());
        }
        return ok;
    }
}
