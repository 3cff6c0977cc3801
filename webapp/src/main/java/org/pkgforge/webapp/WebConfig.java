package org.pkgforge.webapp;

import java.nio.file.Path;
import java.util.Objects;
import org.pkgforge.webapp.auth.ProxyAuth;

/**
 * Where the web side listens and what it serves.
 *
 * @param bindAddress host name or IP literal to listen on
 * @param port TCP port; 0 picks a free one (see {@link WebServer#port()})
 * @param resultsDir build results, {@code <resultsDir>/<job id>/<platform>-<arch>/}
 * @param reposDir the published repository tree served under {@code /repos/}
 * @param proxy trusted-proxy login ({@link ProxyAuth#NONE}: off)
 */
public record WebConfig(String bindAddress, int port, Path resultsDir, Path reposDir, ProxyAuth proxy) {
    public WebConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(resultsDir, "resultsDir");
        Objects.requireNonNull(reposDir, "reposDir");
        Objects.requireNonNull(proxy, "proxy");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** Without trusted-proxy login. */
    public WebConfig(String bindAddress, int port, Path resultsDir, Path reposDir) {
        this(bindAddress, port, resultsDir, reposDir, ProxyAuth.NONE);
    }
}
