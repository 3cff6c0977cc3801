package org.pkgforge.agent.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds source RPMs with the host's rpmbuild, one after the other in one private tree, stopping
 * at the first failure. _topdir, _tmppath and the rpm database are all inside the task directory so
 * parallel tasks and the host never see each other's files (feasibility notes, section B).
 */
public final class RpmbuildBuilder implements Builder {
    public static final String NAME = "rpmbuild";

    private final CommandRunner runner;

    public RpmbuildBuilder(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BuildOutcome build(BuildRequest request, LogSink log) throws IOException, InterruptedException {
        Path dir = request.dir().toAbsolutePath();
        Path top = dir.resolve("top");
        Path tmp = dir.resolve("tmp");
        Path db = dir.resolve("rpmdb");
        Files.createDirectories(top);
        Files.createDirectories(tmp);
        int initdb = runner.run(List.of("rpm", "--initdb", "--dbpath", db.toString()), dir, log);
        if (initdb != 0) {
            return BuildOutcome.infraFail("rpm --initdb exited " + initdb);
        }
        for (Path source : request.sources()) {
            // --nodeps is a known gap: the private rpmdb is empty, so every BuildRequires would
            // fail. Seeding it with a host-provides stub and the set's earlier products
            // (rpm -i --justdb) to get real BuildRequires checks is a later issue.
            int exit = runner.run(
                    List.of(
                            "rpmbuild",
                            "--rebuild",
                            "--nodeps",
                            "--define",
                            "_topdir " + top,
                            "--define",
                            "_tmppath " + tmp,
                            "--dbpath",
                            db.toString(),
                            source.toAbsolutePath().toString()),
                    dir,
                    log);
            if (exit != 0) {
                return BuildOutcome.fail(source.getFileName() + ": rpmbuild exited " + exit);
            }
        }
        return BuildOutcome.success(products(top, request.sources()));
    }

    /** Every *.rpm under RPMS and SRPMS, except files named like a submitted source. */
    private static List<Path> products(Path top, List<Path> sources) throws IOException {
        Set<String> submitted = new HashSet<>();
        sources.forEach(s -> submitted.add(s.getFileName().toString()));
        List<Path> products = new ArrayList<>();
        for (String sub : List.of("RPMS", "SRPMS")) {
            Path root = top.resolve(sub);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(".rpm"))
                        .filter(f -> !submitted.contains(f.getFileName().toString()))
                        .sorted()
                        .forEach(products::add);
            }
        }
        return products;
    }
}
