package org.pkgforge.controller.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pkgforge.webapp.auth.ProxyAuth;

/**
 * The {@code web:} section: trusted-proxy login ({@code trustedProxies}, IP addresses only, empty
 * by default: off; {@code userHeader}, the header naming the user) and how long a web session
 * lasts.
 */
public record WebSettings(List<InetAddress> trustedProxies, String userHeader, Duration sessionLifetime) {
    public WebSettings {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(userHeader, "userHeader");
        new ProxyAuth(trustedProxies, userHeader); // checks the header name
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("web.sessionHours must be positive");
        }
    }

    public static WebSettings defaults() {
        return new WebSettings(List.of(), ProxyAuth.DEFAULT_HEADER, Duration.ofHours(12));
    }

    /** What the web server needs of this. */
    public ProxyAuth proxyAuth() {
        return new ProxyAuth(trustedProxies, userHeader);
    }

    /** IP literals only: a host name would make trust depend on DNS. */
    static List<InetAddress> addresses(List<String> literals) {
        List<InetAddress> out = new ArrayList<>();
        for (String literal : literals) {
            if (literal == null || !literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(
                        "web.trustedProxies: '" + literal + "' is not an IP address (host names are not accepted)");
            }
            try {
                out.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("web.trustedProxies: '" + literal + "' is not an IP address", e);
            }
        }
        return out;
    }
}
