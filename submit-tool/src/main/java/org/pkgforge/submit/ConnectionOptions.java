package org.pkgforge.submit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach the farm's SSH endpoint; every value may also come from the config files. */
final class ConnectionOptions {
    static final int DEFAULT_PORT = 2222;

    @Option(
            names = "--server",
            paramLabel = "[USER@]HOST[:PORT]",
            description = "The farm's SSH/SFTP endpoint (config: server). Default: $PKGFORGE_SERVER.")
    String server;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "SSH port (config: port). Default: " + DEFAULT_PORT + ".")
    Integer port;

    @Option(names = "--user", paramLabel = "NAME", description = "Farm user name (config: user). Default: $USER.")
    String user;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "Private SSH key (config: identity). Default: ~/.ssh/id_ed25519.")
    Path identity;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "Known host keys (config: known_hosts). Default: ~/.ssh/known_hosts.")
    Path knownHosts;

    /** Empty when no server is configured anywhere. */
    Optional<SshTransport.Endpoint> endpoint(Map<String, String> env) {
        String spec = server != null ? server : env.get("PKGFORGE_SERVER");
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        String login = user;
        String host = spec;
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            login = login != null ? login : host.substring(0, at);
            host = host.substring(at + 1);
        }
        int chosenPort = port != null ? port : DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            chosenPort = port != null ? port : Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (login == null) {
            login = env.getOrDefault("USER", System.getProperty("user.name"));
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return Optional.of(new SshTransport.Endpoint(
                host,
                chosenPort,
                login,
                identity != null ? identity : home.resolve(".ssh/id_ed25519"),
                knownHosts != null ? knownHosts : home.resolve(".ssh/known_hosts")));
    }
}
