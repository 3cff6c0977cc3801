package org.pkgforge.controller.targets;

import java.util.List;
import java.util.Optional;

/**
 * ExclusiveArch / ExcludeArch from the SRPM headers, read as data. A target the rules selected but
 * a package of the set cannot build for is skipped with a reason, never silently dropped.
 */
public final class ArchFilter {
    private ArchFilter() {}

    /** A package's arch constraints, as read from its header. */
    public record ArchConstraints(String file, List<String> exclusiveArch, List<String> excludeArch) {}

    /** Why {@code arch} must be skipped for this set, or empty when every package can build it. */
    public static Optional<String> skipReason(String arch, List<ArchConstraints> packages) {
        for (ArchConstraints p : packages) {
            if (p.excludeArch().contains(arch)) {
                return Optional.of(
                        "excluded by ExcludeArch: " + String.join(" ", p.excludeArch()) + " (" + p.file() + ")");
            }
            // noarch in ExclusiveArch means "any": rpm treats it so for noarch packages.
            if (!p.exclusiveArch().isEmpty()
                    && !p.exclusiveArch().contains(arch)
                    && !p.exclusiveArch().contains("noarch")) {
                return Optional.of(
                        "not in ExclusiveArch: " + String.join(" ", p.exclusiveArch()) + " (" + p.file() + ")");
            }
        }
        return Optional.empty();
    }
}
