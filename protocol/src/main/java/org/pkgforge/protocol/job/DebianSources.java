package org.pkgforge.protocol.job;

import java.util.ArrayList;
import java.util.List;

/** Debian source packages in the job format's terms: header data as a {@link SourceRpmInfo}. */
final class DebianSources {
    private DebianSources() {}

    /**
     * A .dsc as the registry records packages: Source as the name, the upstream version and the
     * Debian revision as version and release, Build-Depends' package names as BuildRequires and
     * the binary package names as Provides, so {@link BuildOrder} relates Debian members too.
     * Architecture is not mapped to ExclusiveArch: Debian and RPM arch names differ (amd64, x86_64).
     */
    static SourceRpmInfo info(DscReader.DscInfo dsc) {
        String version = dsc.version();
        String epoch = null;
        int colon = version.indexOf(':');
        if (colon > 0) {
            epoch = version.substring(0, colon);
            version = version.substring(colon + 1);
        }
        int dash = version.lastIndexOf('-');
        String release = dash > 0 ? version.substring(dash + 1) : "";
        String upstream = dash > 0 ? version.substring(0, dash) : version;
        return new SourceRpmInfo(
                dsc.source(),
                upstream,
                release,
                epoch,
                List.of(),
                List.of(),
                List.of(),
                buildDependsNames(dsc.buildDepends()),
                dsc.binaries());
    }

    /** A file a .dsc lists (tarball, patches): no header of its own. */
    static SourceRpmInfo fileInfo(String file) {
        return new SourceRpmInfo(file, "", "", null, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** "debhelper-compat (= 13), libfoo-dev [amd64] | libbar-dev" → debhelper-compat, libfoo-dev, libbar-dev. */
    static List<String> buildDependsNames(String buildDepends) {
        List<String> names = new ArrayList<>();
        for (String clause : buildDepends.split("[,|]")) {
            String name = clause.strip().split("[\\s(\\[<:]", 2)[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
