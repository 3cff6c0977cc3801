package org.pkgforge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pkgforge.controller.config.ConfigFile;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.host.HostCommand;
import org.pkgforge.controller.testing.ControllerCli;
import org.pkgforge.controller.testing.FarmFixture;
import org.pkgforge.controller.testing.SamplePackages;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;

/**
 * Real sbuild builds through the farm: {@code pkgforge chroot create} makes a bookworm buildd
 * tarball with the real mmdebstrap from deb.debian.org (about 35 s, cached for the ISO week in
 * ~/.cache/pkgforge-test so a machine makes it once a week), then a two-member Debian set,
 * submitted consumer first, builds in sbuild's unshare chroots: farm-greeter Build-Depends on
 * hello-farm and copies its file at build time, so it builds only with hello-farm's fresh .deb
 * handed over by {@code --extra-package}. Both land in the flat repository, read back with apt.
 * Needs /etc/subuid and /etc/subgid ranges for the user running the tests ({@code .ci/run} adds
 * them for root).
 */
@Timeout(900)
class SbuildFarmIT {
    private static final Duration CHROOT_CREATE_LIMIT = Duration.ofMinutes(5);

    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    @TempDir
    Path state;

    @TempDir
    Path sources;

    @Test
    void aDebianSetBuildsWithSbuildInUnshareChrootsAndIsPublished() throws Exception {
        assertThat(hasSubordinateIds())
                .as(
                        "sbuild's unshare mode needs /etc/subuid and /etc/subgid ranges for %s; as root: "
                                + "usermod --add-subuids 100000-165535 --add-subgids 100000-165535 %1$s",
                        System.getProperty("user.name"))
                .isTrue();
        String arch = FarmFixture.activeAutoPlatform(pg, "bookworm", FarmFixture.rpmArch());
        String debArch = run(List.of("dpkg", "--print-architecture")).strip();
        Path chroots = weeklyChrootCache();
        Path yaml = Files.writeString(
                state.resolve("controller.yaml"),
                """
                builds:
                  platforms:
                    bookworm: { builder: sbuild, options: { dist: bookworm } }
                  chroots: { directory: "%s" }
                """
                        .formatted(chroots));

        long start = System.nanoTime();
        ControllerCli.Result create = ControllerCli.run(
                "chroot",
                "create",
                "-c",
                yaml.toString(),
                "--state-dir",
                state.toString(),
                "--timeout-minutes",
                Long.toString(CHROOT_CREATE_LIMIT.toMinutes()));
        Duration creation = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("SbuildFarmIT: pkgforge chroot create took " + creation.toSeconds() + " s: " + create.out());

        Path tarball = chroots.resolve("bookworm-" + debArch + ".tar.zst");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains(tarball.toString());
        assertThat(Files.size(tarball)).isGreaterThan(50L << 20);
        ControllerCli.Result list =
                ControllerCli.run("chroot", "list", "-c", yaml.toString(), "--state-dir", state.toString());
        assertThat(list.out()).containsPattern("bookworm-" + debArch + "\\.tar\\.zst +\\d+\\.\\d MiB .+ bookworm");

        ControllerConfig config = FarmFixture.config(state, pg, List.of("bookworm/" + arch))
                .withBuilds(ConfigFile.load(yaml, state).builds());
        Path greeter = SamplePackages.dsc(sources, "greeter-deb", "farm-greeter", "1.0");
        Path hello = SamplePackages.dsc(sources, "hello-deb", "hello-farm", "1.0");
        try (Farm farm = Farm.start(config)) {
            long buildStart = System.nanoTime();
            TaskRow task = FarmFixture.submitAndAwait(
                    farm,
                    config,
                    "sbuild-set",
                    "debs",
                    Duration.ofMinutes(8),
                    greeter,
                    sources.resolve("farm-greeter_1.0.tar.xz"),
                    hello,
                    sources.resolve("hello-farm_1.0.tar.xz"));
            System.out.println("SbuildFarmIT: the two-member set built and was published in "
                    + Duration.ofNanos(System.nanoTime() - buildStart).toSeconds() + " s");

            Path results = config.resultsDir().resolve("sbuild-set").resolve("bookworm-" + arch);
            String log = Files.readString(results.resolve("build.log"));
            assertThat(task.status()).as(task.reason() + "\n" + log).isEqualTo("success");
            // The note lists every file of the set; what matters is the two members' order.
            String note = farm.jdbi()
                    .onDemand(JobDao.class)
                    .findByUuid("sbuild-set")
                    .orElseThrow()
                    .reason();
            assertThat(note).startsWith("build order derived from BuildRequires: ");
            assertThat(note.indexOf("hello-farm_1.0.dsc")).isLessThan(note.indexOf("farm-greeter_1.0.dsc"));
            assertThat(log)
                    .contains("+ sbuild --chroot-mode=unshare --dist=bookworm")
                    .contains("--chroot=" + tarball)
                    .contains("Unpacking " + tarball + " to ")
                    .contains("Status: successful");
            int greeterBuild = log.indexOf("farm-greeter_1.0.dsc\n");
            assertThat(log.indexOf("hello-farm_1.0.dsc\n")).isPositive().isLessThan(greeterBuild);
            assertThat(log.substring(log.lastIndexOf("+ sbuild ", greeterBuild), greeterBuild))
                    .contains("--extra-package=");
            assertThat(log.substring(greeterBuild))
                    .contains("Setting up hello-farm (1.0)")
                    .contains("cp /usr/share/hello-farm/hello.txt greeting.txt");
            assertThat(log).contains("lintian: 0 error(s)");
            assertThat(results.resolve("lintian.log")).content().startsWith("+ lintian ");

            Path repo = config.repoFor("debs", "bookworm", arch);
            assertThat(Files.readString(repo.resolve("Packages")))
                    .contains("Filename: pool/hello-farm_1.0_all.deb")
                    .contains("Filename: pool/farm-greeter_1.0_all.deb");
            Path unpacked = state.resolve("greeter-unpacked");
            run(List.of(
                    "dpkg-deb",
                    "-x",
                    repo.resolve("pool/farm-greeter_1.0_all.deb").toString(),
                    unpacked.toString()));
            assertThat(unpacked.resolve("usr/share/farm-greeter/greeting.txt"))
                    .hasSameTextualContentAs(SamplePackages.examplesDir().resolve("hello-deb/hello.txt"));
            assertThat(aptPolicy(repo, "farm-greeter"))
                    .contains("Candidate: 1.0")
                    .contains("file:" + repo + " ./ Packages");
        }
    }

    /** {@code apt-cache policy} against the repository alone, with a private apt state. */
    private String aptPolicy(Path repo, String pkg) throws IOException {
        Path apt = Files.createDirectories(state.resolve("apt"));
        Files.createDirectories(apt.resolve("state/lists/partial"));
        Files.createDirectories(apt.resolve("cache/archives/partial"));
        Path list = Files.writeString(apt.resolve("sources.list"), "deb [trusted=yes] file:" + repo + " ./\n");
        List<String> options = List.of(
                "-o", "Dir::Etc::SourceList=" + list,
                "-o", "Dir::Etc::SourceParts=" + apt.resolve("none"),
                "-o", "Dir::State=" + apt.resolve("state"),
                "-o", "Dir::Cache=" + apt.resolve("cache"),
                "-o", "Debug::NoLocking=1");
        run(Stream.concat(Stream.of("apt-get"), Stream.concat(options.stream(), Stream.of("update")))
                .toList());
        return run(Stream.concat(Stream.of("apt-cache"), Stream.concat(options.stream(), Stream.of("policy", pkg)))
                .toList());
    }

    /**
     * ~/.cache/pkgforge-test/chroots/<ISO week>: a fresh tarball each week, kept between runs;
     * other weeks' directories are removed.
     */
    private static Path weeklyChrootCache() throws IOException {
        LocalDate today = LocalDate.now();
        String week = String.format(
                "%d-W%02d", today.get(IsoFields.WEEK_BASED_YEAR), today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        Path root = Path.of(System.getProperty("user.home"), ".cache", "pkgforge-test", "chroots");
        Files.createDirectories(root);
        try (Stream<Path> weeks = Files.list(root)) {
            for (Path old :
                    weeks.filter(w -> !w.getFileName().toString().equals(week)).toList()) {
                try (Stream<Path> files = Files.walk(old)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        return Files.createDirectories(root.resolve(week));
    }

    private static boolean hasSubordinateIds() throws IOException {
        String user = System.getProperty("user.name");
        String uid = run(List.of("id", "-u")).strip();
        for (String file : List.of("/etc/subuid", "/etc/subgid")) {
            Path p = Path.of(file);
            if (!Files.isReadable(p)
                    || Files.readAllLines(p).stream()
                            .noneMatch(l -> l.startsWith(user + ":") || l.startsWith(uid + ":"))) {
                return false;
            }
        }
        return true;
    }

    private static String run(List<String> command) throws IOException {
        return HostCommand.run(command, Path.of("."), Duration.ofMinutes(2));
    }
}
