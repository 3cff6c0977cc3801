package org.pkgforge.controller.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * Accepts a server only if it presents exactly the key pinned for that connection (a
 * {@link KeyCheck} passed in the connection context). What was offered is written to the check,
 * which the caller keeps: a key exchange can fail before the connect call even hands out the
 * session, and the mismatch must still be reported with both fingerprints. No pinned key (the
 * "host add" probe) means: record, then refuse.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    private static final AttributeKey<KeyCheck> CHECK = new AttributeKey<>();

    /** One connection's pinned key and, once the server has shown it, the key it offered. */
    static final class KeyCheck {
        private final PublicKey pinned;
        private volatile PublicKey offered;

        KeyCheck(PublicKey pinned) {
            this.pinned = pinned;
        }

        PublicKey pinned() {
            return pinned;
        }

        PublicKey offered() {
            return offered;
        }

        AttributeRepository context() {
            return AttributeRepository.ofKeyValuePair(CHECK, this);
        }
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        AttributeRepository context = session.getConnectionContext();
        KeyCheck check = context == null ? null : context.getAttribute(CHECK);
        if (check == null) {
            return false;
        }
        check.offered = serverKey;
        return check.pinned != null && HostKeys.same(check.pinned, serverKey);
    }
}
