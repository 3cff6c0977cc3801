package org.pkgforge.webapp.auth;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Trusted-proxy mode, for sites with Kerberos or OIDC in front: a request whose TCP peer is one of
 * {@code trustedProxies} is the user its {@code userHeader} names. From any other peer the header
 * is ignored. An empty list turns the mode off.
 */
public record ProxyAuth(List<InetAddress> trustedProxies, String userHeader) {
    public static final String DEFAULT_HEADER = "X-Remote-User";
    public static final ProxyAuth NONE = new ProxyAuth(List.of(), DEFAULT_HEADER);

    public ProxyAuth {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(userHeader, "userHeader");
        if (!userHeader.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("userHeader must be a header name (A-Z a-z 0-9 -), got " + userHeader);
        }
    }

    public boolean enabled() {
        return !trustedProxies.isEmpty();
    }

    public boolean trusts(InetAddress peer) {
        return trustedProxies.contains(peer);
    }
}
