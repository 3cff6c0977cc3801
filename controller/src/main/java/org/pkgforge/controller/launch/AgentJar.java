package org.pkgforge.controller.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.pkgforge.protocol.job.Checksums;

/**
 * The agent jar the SSH launcher copies to build hosts, with its SHA-256 (a host's copy is
 * replaced only when its checksum differs). It comes from the configuration, or from inside the
 * controller's own jar, where the build embeds it.
 */
public record AgentJar(Path file, String sha256, long size) {
    static final String RESOURCE = "pkgforge-agent.jar";

    public static AgentJar of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("agent jar " + file + " does not exist");
        }
        return new AgentJar(file, Checksums.sha256Hex(file), Files.size(file));
    }

    /** The configured jar, else the embedded one extracted into {@code extractDir}. */
    public static AgentJar locate(Optional<Path> configured, Path extractDir) throws IOException {
        if (configured.isPresent()) {
            return of(configured.get());
        }
        try (InputStream in = AgentJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("this controller build has no embedded agent jar; set agentJar in the"
                        + " configuration (build it with: mvn -pl agent package)");
            }
            Files.createDirectories(extractDir);
            Path tmp = Files.createTempFile(extractDir, RESOURCE, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Path target = extractDir.resolve(RESOURCE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return of(target);
        }
    }
}
