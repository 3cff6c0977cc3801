package org.pkgforge.controller.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.db.RegistryAccess;
import org.pkgforge.controller.launch.HostChange;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.ControllerIdentity;
import org.pkgforge.controller.ssh.HostFailure;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.row.Host;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pkgforge host …}: build hosts the controller reaches over SSH. Thin edges over
 * {@link HostRegistration} and the registry; a running controller notices every change at once.
 */
@Command(
        name = "host",
        mixinStandardHelpOptions = true,
        description = "Manage build hosts reached over SSH.",
        subcommands = {
            HostCommand.Pubkey.class,
            HostCommand.Add.class,
            HostCommand.ListHosts.class,
            HostCommand.Show.class,
            HostCommand.Change.class,
            HostCommand.Enable.class,
            HostCommand.Disable.class,
            HostCommand.Pin.class,
            HostCommand.Remove.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failure (unknown host, refused key ...), 2 usage error."})
final class HostCommand {
    /** Shared by the subcommands: the registry, opened as the farm's own commands do. */
    abstract static class RegistryCommand implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public final Integer call() throws Exception {
            ControllerConfig config = state.load(Path.of("/var/lib/pkgforge"));
            List<AutoCloseable> resources = new ArrayList<>();
            try {
                return run(config, RegistryAccess.adminJdbi(config, resources));
            } catch (IllegalArgumentException | HostFailure e) {
                err.println("pkgforge host: " + e.getMessage());
                return ExitCodes.FAILED;
            } finally {
                for (AutoCloseable r : resources) {
                    r.close();
                }
            }
        }

        abstract int run(ControllerConfig config, Jdbi jdbi) throws Exception;
    }

    /** A subcommand about one existing host, named by its first parameter. */
    abstract static class OneHostCommand extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the build host")
        String name;

        @Override
        final int run(ControllerConfig config, Jdbi jdbi) {
            HostRegistration hosts = new HostRegistration(jdbi, null);
            return act(hosts, hosts.require(name));
        }

        abstract int act(HostRegistration hosts, Host host);
    }

    @Command(
            name = "pubkey",
            mixinStandardHelpOptions = true,
            description = "Print the controller's SSH public key, for the build user's ~/.ssh/authorized_keys.")
    static final class Pubkey implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Override
        public Integer call() throws IOException {
            ControllerConfig config = state.load(Path.of("/var/lib/pkgforge"));
            System.out.println(ControllerIdentity.loadOrCreate(config.hosts().identityFile())
                    .authorizedKeysLine());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Add a build host. Without --host-key or --known-hosts it connects, shows the host key's"
                        + " fingerprint and asks you to confirm it; the key is pinned in the registry.",
                "Example: pkgforge host add b1 --ssh build@b1.example.org --platform el9/x86_64 --slots 2"
            })
    static final class Add extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the host's name in the farm")
        String name;

        @Option(names = "--ssh", required = true, paramLabel = "USER@HOST[:PORT]", description = "where to log in")
        String ssh;

        @Option(
                names = "--platform",
                required = true,
                paramLabel = "NAME/ARCH",
                description = "a platform it builds for (repeatable)")
        List<String> platforms;

        @Option(names = "--slots", defaultValue = "1", description = "tasks at once (default: ${DEFAULT-VALUE})")
        int slots;

        @Option(names = "--host-key", paramLabel = "'ssh-ed25519 AAAA…'", description = "pin this key")
        String hostKey;

        @Option(names = "--known-hosts", paramLabel = "FILE", description = "pin the host's key from FILE")
        Path knownHosts;

        @Option(names = "--work-dir", description = "agent directory on the host (default: ~/.pkgforge-agent/NAME)")
        String workDir;

        @Option(
                names = "--java",
                defaultValue = "java",
                description = "java 17+ on the host (default: ${DEFAULT-VALUE})")
        String java;

        @Option(names = "--yes", description = "accept the probed host key without asking (trust on first use)")
        boolean yes;

        @Override
        int run(ControllerConfig config, Jdbi jdbi) throws Exception {
            if (hostKey != null && knownHosts != null) {
                err.println("pkgforge host add: give --host-key or --known-hosts, not both");
                return ExitCodes.USAGE;
            }
            HostSpec spec = new HostSpec(
                    name,
                    HostSpec.parseTarget(ssh),
                    platforms,
                    slots,
                    workDir != null ? workDir : HostSpec.defaultWorkDir(name),
                    java);
            ControllerIdentity identity =
                    ControllerIdentity.loadOrCreate(config.hosts().identityFile());
            PublicKey pinned;
            try (SshConnector connector = new SshConnector(
                    identity, config.hosts().connectTimeout(), config.hosts().keepAlive())) {
                HostRegistration registration = new HostRegistration(jdbi, connector);
                if (hostKey != null || knownHosts != null) {
                    pinned = hostKey != null
                            ? HostKeys.parse(hostKey)
                            : HostRegistration.fromKnownHosts(knownHosts, spec.ssh());
                    registration.verifyGivenKey(spec.ssh(), pinned).ifPresent(w -> err.println("warning: " + w));
                } else {
                    pinned = registration.probe(spec.ssh());
                    out.println("The host key of " + spec.ssh() + " is " + pinned.getAlgorithm() + " "
                            + HostKeys.fingerprint(pinned));
                    out.println("  " + HostKeys.line(pinned));
                    if (!yes && !confirm()) {
                        err.println("pkgforge host add: not added (key not confirmed)");
                        return ExitCodes.FAILED;
                    }
                }
                registration.add(spec, pinned);
            }
            out.println("added build host " + name + " (" + spec.ssh() + ", " + String.join(", ", spec.platforms())
                    + ", " + slots + " slot" + (slots == 1 ? "" : "s") + "), host key " + HostKeys.fingerprint(pinned)
                    + " pinned");
            out.println("make sure the controller's key is in " + spec.ssh().user()
                    + "'s ~/.ssh/authorized_keys there (pkgforge host pubkey)");
            return ExitCodes.OK;
        }

        private boolean confirm() throws IOException {
            if (System.console() == null) {
                throw new IllegalArgumentException("no terminal to confirm the host key on; pass --host-key,"
                        + " --known-hosts, or --yes to trust the key shown above");
            }
            out.print("Pin this key and add the host? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List build hosts and their state.")
    static final class ListHosts extends RegistryCommand {
        @Override
        int run(ControllerConfig config, Jdbi jdbi) {
            String format = "%-16s %-28s %-10s %-5s %-24s %s%n";
            out.printf(format, "Name", "SSH", "State", "Slots", "Platforms", "Reason");
            for (Host h : jdbi.onDemand(HostDao.class).list()) {
                out.printf(
                        format,
                        h.name(),
                        h.ssh(),
                        h.enabled() ? h.state() : "disabled",
                        h.slots(),
                        String.join(",", h.platforms()),
                        Optional.ofNullable(h.stateReason()).orElse(""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one build host in full.")
    static final class Show extends OneHostCommand {
        @Override
        int act(HostRegistration hosts, Host h) {
            out.println("Name:       " + h.name());
            out.println("SSH:        " + h.ssh());
            out.println("Enabled:    " + (h.enabled() ? "yes" : "no"));
            out.println("State:      " + h.state() + (h.stateReason() == null ? "" : " (" + h.stateReason() + ")"));
            out.println("Slots:      " + h.slots());
            out.println("Platforms:  " + String.join(", ", h.platforms()));
            out.println("Host key:   " + HostKeys.fingerprint(h.hostKey()) + " (pinned)");
            if (h.offeredHostKey() != null) {
                out.println("Offered:    " + HostKeys.fingerprint(h.offeredHostKey()) + " (DOES NOT MATCH; refused)");
            }
            out.println("Work dir:   " + h.workDir());
            out.println("Java:       " + h.javaCommand());
            out.println("Agent:      " + Optional.ofNullable(h.version()).orElse("-"));
            out.println("Last seen:  "
                    + Optional.ofNullable(h.lastSeen()).map(Object::toString).orElse("never"));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Change a host's slots and/or platforms; --platform replaces the whole list.",
                "Tasks running there are never cut short. Fewer slots: no new task until fewer run. More"
                        + " slots: the agent, which takes no more tasks than it was started with, is started"
                        + " again with them once it is idle (as after an upgrade); until then it keeps its"
                        + " count (on a host that is never idle: disable it, let its builds end, enable it)."
                        + " A platform taken away gets no new task there.",
                "Example: pkgforge host set b1 --slots 4 --platform el9/x86_64 --platform el8/x86_64"
            })
    static final class Change extends OneHostCommand {
        /** At least one of the two, or picocli refuses the command line (exit 2). */
        @ArgGroup(exclusive = false, multiplicity = "1")
        Changes changes;

        static final class Changes {
            @Option(names = "--slots", paramLabel = "N", description = "tasks at once (1..256)")
            Integer slots;

            @Option(
                    names = "--platform",
                    paramLabel = "NAME/ARCH",
                    description = "a platform it builds for (repeatable; replaces the list)")
            List<String> platforms;
        }

        @Override
        int act(HostRegistration hosts, Host before) {
            Host after = hosts.change(
                    before.name(),
                    new HostChange(
                            changes.slots == null ? OptionalInt.empty() : OptionalInt.of(changes.slots),
                            Optional.ofNullable(changes.platforms)));
            out.println("build host " + after.name() + ": " + HostChange.summary(before, after));
            return ExitCodes.OK;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Hand tasks to the host again.")
    static final class Enable extends OneHostCommand {
        @Override
        int act(HostRegistration hosts, Host h) {
            hosts.setEnabled(h.name(), true);
            out.println("enabled build host " + h.name());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Stop handing tasks to the host; builds running there finish.")
    static final class Disable extends OneHostCommand {
        @Override
        int act(HostRegistration hosts, Host h) {
            hosts.setEnabled(h.name(), false);
            out.println("disabled build host " + h.name() + " (running builds finish; no new tasks)");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "pin",
            mixinStandardHelpOptions = true,
            description = "Re-pin a host's key after a legitimate change (reinstall).")
    static final class Pin extends OneHostCommand {
        @Option(names = "--host-key", required = true, paramLabel = "'ssh-ed25519 AAAA…'")
        String hostKey;

        @Override
        int act(HostRegistration hosts, Host h) {
            PublicKey key = HostKeys.parse(hostKey);
            hosts.pin(h.name(), key);
            out.println("build host " + h.name() + ": host key " + HostKeys.fingerprint(h.hostKey()) + " replaced by "
                    + HostKeys.fingerprint(key));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove a build host; its agent is stopped and its running tasks are queued again.")
    static final class Remove extends OneHostCommand {
        @Override
        int act(HostRegistration hosts, Host h) {
            int requeued = hosts.remove(h.name());
            out.println(
                    "removed build host " + h.name() + (requeued > 0 ? "; " + requeued + " task(s) queued again" : ""));
            return ExitCodes.OK;
        }
    }
}
