package org.pkgforge.protocol.job;

import java.util.List;
import java.util.Objects;

/**
 * What a source RPM's header says, read as data. {@code epoch} is null when the spec sets none.
 * {@code buildRequires} are rendered like {@code rpm -qpR}, e.g. "libfarm-devel >= 1.0", without
 * rpm's internal rpmlib(...) entries; {@code provides} likewise (the SRPM header's own, rarely more
 * than the source package's name). The arch lists are empty when the spec does not restrict.
 */
public record SourceRpmInfo(
        String name,
        String version,
        String release,
        String epoch,
        List<String> exclusiveArch,
        List<String> excludeArch,
        List<String> buildArchs,
        List<String> buildRequires,
        List<String> provides) {
    public SourceRpmInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        exclusiveArch = List.copyOf(exclusiveArch);
        excludeArch = List.copyOf(excludeArch);
        buildArchs = List.copyOf(buildArchs);
        buildRequires = List.copyOf(buildRequires);
        provides = List.copyOf(provides);
    }

    /** name-[epoch:]version-release, as rpm prints it. */
    public String nevr() {
        return name + "-" + (epoch == null ? "" : epoch + ":") + version + "-" + release;
    }
}
