package org.pkgforge.controller.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pkgforge.controller.chroots.ChrootMaker;
import org.pkgforge.controller.config.BuildSettings;
import org.pkgforge.controller.config.ChrootSettings;
import org.pkgforge.controller.config.ControllerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pkgforge chroot …}: the mmdebstrap tarballs the sbuild builder unpacks, one per suite and
 * Debian architecture, in {@code builds.chroots.directory}. A thin edge over {@link ChrootMaker};
 * the names agree with the {@code chroot} option the controller sends sbuild tasks
 * ({@link BuildSettings#forTarget}).
 */
@Command(
        name = "chroot",
        mixinStandardHelpOptions = true,
        description = "Make and list the chroot tarballs of sbuild platforms.",
        subcommands = {ChrootCommand.Create.class, ChrootCommand.Refresh.class, ChrootCommand.ListTarballs.class},
        footer = {"", "Exit codes: 0 ok, 1 failure (mmdebstrap failed ...), 2 usage error."})
final class ChrootCommand {
    /** Shared by the subcommands: the configuration, and its chroot settings. */
    abstract static class ChrootAction implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public final Integer call() throws Exception {
            ControllerConfig config = state.load(Path.of("/var/lib/pkgforge"));
            try {
                return run(config.builds(), new ChrootMaker(config.builds().chroots()));
            } catch (IllegalArgumentException | IOException e) {
                err.println("pkgforge chroot: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }

        abstract int run(BuildSettings builds, ChrootMaker maker) throws Exception;
    }

    /** create and refresh: which tarballs, and how long mmdebstrap may take. */
    abstract static class MakeAction extends ChrootAction {
        @Option(
                names = "--suite",
                description = "Debian suite, e.g. bookworm. Default: the dist of every sbuild platform in builds:")
        String suite;

        @Option(
                names = "--arch",
                description = "Debian architecture. Default: the platform's debArch, else this host's")
        String arch;

        @Option(
                names = "--timeout-minutes",
                defaultValue = "30",
                description = "give up on one tarball after this long (default: ${DEFAULT-VALUE})")
        long timeoutMinutes;

        abstract boolean replace();

        @Override
        final int run(BuildSettings builds, ChrootMaker maker) throws Exception {
            Set<List<String>> wanted = new LinkedHashSet<>();
            if (suite != null) {
                wanted.add(List.of(suite, arch != null ? arch : Tools.debianArch()));
            } else {
                for (BuildSettings.SbuildPlatform p : builds.sbuildPlatforms()) {
                    wanted.add(
                            List.of(p.dist(), arch != null ? arch : p.debArch().orElse(Tools.debianArch())));
                }
            }
            if (wanted.isEmpty()) {
                err.println("pkgforge chroot: no sbuild platform with a dist in builds:; pass --suite");
                return ExitCodes.USAGE;
            }
            for (List<String> pair : wanted) {
                Path tarball = maker.tarball(pair.get(0), pair.get(1));
                out.println((replace() ? "refreshing " : "creating ") + tarball + " (mmdebstrap output in "
                        + maker.dir().resolve(pair.get(0) + "-" + pair.get(1) + ".log") + ")");
                ChrootMaker.Made made =
                        maker.make(pair.get(0), pair.get(1), replace(), Duration.ofMinutes(timeoutMinutes));
                out.println(
                        made.made()
                                ? "made " + made.tarball() + " in "
                                        + made.took().toSeconds() + " s"
                                : made.tarball() + " exists; kept (pkgforge chroot refresh makes it anew)");
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Make the chroot tarballs that do not exist yet (mmdebstrap --variant=buildd).")
    static final class Create extends MakeAction {
        @Override
        boolean replace() {
            return false;
        }
    }

    @Command(
            name = "refresh",
            mixinStandardHelpOptions = true,
            description = "Make the chroot tarballs anew; each old one is used until its new one is complete.")
    static final class Refresh extends MakeAction {
        @Override
        boolean replace() {
            return true;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the chroot tarballs.")
    static final class ListTarballs extends ChrootAction {
        @Override
        int run(BuildSettings builds, ChrootMaker maker) throws IOException {
            out.println("chroot directory: " + maker.dir());
            out.printf("%-32s %10s %8s  %s%n", "Tarball", "Size", "Age", "Platforms");
            List<String> listed = new ArrayList<>();
            Instant now = Instant.now();
            for (ChrootMaker.Tarball t : maker.list()) {
                listed.add(t.name());
                out.printf(
                        "%-32s %10s %8s  %s%n",
                        t.name(),
                        String.format(Locale.ROOT, "%.1f MiB", t.size() / (1024.0 * 1024.0)),
                        age(Duration.between(t.modified(), now)),
                        String.join(", ", platformsUsing(builds, t.name())));
            }
            for (BuildSettings.SbuildPlatform p : builds.sbuildPlatforms()) {
                p.debArch().map(a -> ChrootSettings.tarballName(p.dist(), a)).ifPresent(name -> {
                    if (!listed.contains(name)) {
                        out.printf("%-32s %10s %8s  %s%n", name, "missing", "-", p.platform());
                    }
                });
            }
            return ExitCodes.OK;
        }

        private static List<String> platformsUsing(BuildSettings builds, String tarball) {
            return builds.sbuildPlatforms().stream()
                    .filter(p -> tarball.startsWith(p.dist() + "-")
                            && p.debArch()
                                    .map(a -> tarball.equals(ChrootSettings.tarballName(p.dist(), a)))
                                    .orElse(true))
                    .map(BuildSettings.SbuildPlatform::platform)
                    .toList();
        }

        static String age(Duration d) {
            if (d.toDays() > 0) {
                return d.toDays() + " d";
            }
            if (d.toHours() > 0) {
                return d.toHours() + " h";
            }
            return Math.max(0, d.toMinutes()) + " min";
        }
    }
}
