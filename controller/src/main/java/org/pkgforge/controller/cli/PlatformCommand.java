package org.pkgforge.controller.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.db.RegistryAccess;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.targets.PlatformService;
import org.pkgforge.sql.row.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pkgforge platform ACTION}, with the original PkgForge's semantics: platforms are added
 * inactive and not auto; deactivate also clears auto; there is no delete.
 */
@Command(
        name = "platform",
        mixinStandardHelpOptions = true,
        description = "Manage target platforms: list, add, activate, deactivate, setauto, unsetauto.")
final class PlatformCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Parameters(index = "0", description = "list | add | activate | deactivate | setauto | unsetauto")
    String action;

    @Option(
            names = {"-n", "--name"},
            description = "Platform name, e.g. el9")
    String name;

    @Option(
            names = {"-a", "--arch", "--architecture"},
            description = "Architecture, e.g. x86_64")
    String arch;

    @Override
    public Integer call() throws Exception {
        List<String> actions = List.of("list", "add", "activate", "deactivate", "setauto", "unsetauto");
        List<String> matching =
                actions.stream().filter(a -> a.startsWith(action)).toList();
        if (matching.size() != 1) {
            System.err.println("pkgforge platform: unknown or ambiguous action '" + action + "'; one of " + actions);
            return 2;
        }
        String chosen = matching.get(0);
        if (!chosen.equals("list") && (name == null || arch == null)) {
            System.err.println("pkgforge platform " + chosen + ": needs --name and --arch");
            return 2;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Jdbi jdbi = RegistryAccess.adminJdbi(state.load(Path.of("/var/lib/pkgforge")), resources);
            return act(new PlatformService(jdbi), chosen);
        } catch (Failure f) {
            System.err.println("pkgforge platform: " + f.getMessage());
            return 1;
        } finally {
            for (AutoCloseable r : resources) {
                r.close();
            }
        }
    }

    private int act(PlatformService platforms, String chosen) throws Failure {
        switch (chosen) {
            case "list" -> {
                System.out.printf("%-20s %-12s %-7s %s%n", "Name", "Architecture", "Active", "Auto");
                for (Platform p : platforms.list()) {
                    System.out.printf("%-20s %-12s %-7s %s%n", p.name(), p.arch(), yes(p.active()), yes(p.auto()));
                }
                return 0;
            }
            case "add" -> {
                platforms.add(name, arch);
                System.out.println("added platform " + name + "/" + arch + " (inactive; activate it to build for it)");
                return 0;
            }
            case "activate" -> platforms.activate(name, arch);
            case "deactivate" -> platforms.deactivate(name, arch);
            case "setauto" -> platforms.setAuto(name, arch, true);
            default -> platforms.setAuto(name, arch, false);
        }
        System.out.println(chosen + ": " + name + "/" + arch);
        return 0;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
