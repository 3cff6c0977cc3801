package org.pkgforge.agent.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One task for a builder: verified sources in build order, and a private directory the builder
 * may fill as it likes (it is deleted afterwards).
 */
public record BuildRequest(Path dir, List<Path> sources, String platform, String arch, BuildOptions options) {
    public BuildRequest {
        sources = List.copyOf(sources);
        Objects.requireNonNull(options, "options");
    }

    public BuildRequest(Path dir, List<Path> sources, String platform, String arch) {
        this(dir, sources, platform, arch, BuildOptions.defaults());
    }
}
