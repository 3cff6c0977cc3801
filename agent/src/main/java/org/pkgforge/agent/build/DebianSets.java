package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the Debian backends (dpkg-buildpackage, sbuild) share: a set's members are its {@code .dsc}
 * files, in order (the other sources are the files they list); its products are the .deb,
 * .changes and .buildinfo files the builds wrote; lintian checks the .debs under the check policy.
 */
final class DebianSets {
    private static final Set<String> PRODUCT_SUFFIXES = Set.of(".deb", ".udeb", ".changes", ".buildinfo");

    private DebianSets() {}

    static List<Path> dscs(List<Path> sources) {
        return sources.stream()
                .filter(s -> s.getFileName().toString().endsWith(".dsc"))
                .toList();
    }

    /** The .deb, .udeb, .changes and .buildinfo files in {@code out}, sorted. */
    static List<Path> products(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> PRODUCT_SUFFIXES.stream()
                            .anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        }
    }

    /** The outcome of a set whose members all built into {@code out}, after lintian. */
    static BuildOutcome checked(PackageCheck lintian, BuildRequest request, Path out, LogSink log)
            throws IOException, InterruptedException {
        List<Path> products = products(out);
        List<Path> debs = products.stream()
                .filter(p -> p.getFileName().toString().matches(".*\\.u?deb"))
                .toList();
        return lintian.judge(request.options().checkPolicy(), request.dir().toAbsolutePath(), products, debs, log);
    }
}
