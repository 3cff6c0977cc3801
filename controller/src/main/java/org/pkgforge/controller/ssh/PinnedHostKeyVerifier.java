package org.pkgforge.controller.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * Accepts a server only if it presents exactly the key pinned for that connection (passed in the
 * connection context). Whatever was offered is kept on the session, so a mismatch can be reported
 * with both fingerprints. No pinned key (the "host add" probe) means: record, then refuse.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    static final AttributeKey<PublicKey> PINNED = new AttributeKey<>();
    static final AttributeKey<PublicKey> OFFERED = new AttributeKey<>();

    static AttributeRepository pinning(PublicKey pinned) {
        return AttributeRepository.ofKeyValuePair(PINNED, pinned);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        session.setAttribute(OFFERED, serverKey);
        AttributeRepository context = session.getConnectionContext();
        PublicKey pinned = context == null ? null : context.getAttribute(PINNED);
        return pinned != null && HostKeys.same(pinned, serverKey);
    }
}
