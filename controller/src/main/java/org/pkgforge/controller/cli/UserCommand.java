package org.pkgforge.controller.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pkgforge.controller.db.RegistryAccess;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.sql.row.FarmUser;
import org.pkgforge.sql.row.UserKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pkgforge user add|list|set} and {@code pkgforge user key add|revoke|list}: who may submit
 * over SSH, and who administers the farm.
 */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage farm users and their SSH keys.",
        subcommands = {
            UserCommand.Add.class,
            UserCommand.ListUsers.class,
            UserCommand.SetUser.class,
            UserCommand.Key.class
        })
final class UserCommand {
    private static final String KEY_HELP =
            "The public key: a file (~/.ssh/id_ed25519.pub) or the key itself ('ssh-ed25519 AAAA... comment').";

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with their first key.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "Login name (also the job submitter).")
        String name;

        @Option(names = "--key", required = true, paramLabel = "FILE|KEY", description = KEY_HELP)
        String key;

        @Option(names = "--admin", description = "May administer the farm.")
        boolean admin;

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                PublicKeys.ParsedKey parsed = PublicKeys.fromArgument(key);
                FarmUser user = users.addUser(name, admin, parsed);
                System.out.println("added user " + user.name() + (user.admin() ? " (admin)" : "") + " with key "
                        + parsed.fingerprint());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                System.out.printf("%-32s %-5s %s%n", "Name", "Admin", "Created");
                for (FarmUser u : users.users()) {
                    System.out.printf("%-32s %-5s %s%n", u.name(), u.admin() ? "yes" : "no", u.createdAt());
                }
            });
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Grant or revoke a user's admin flag; open web sessions follow at once.",
                "Example: pkgforge user set alice --admin"
            })
    static final class SetUser implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(
                names = "--admin",
                negatable = true,
                required = true,
                description = "--admin: may administer the farm; --no-admin: may not.")
        boolean admin;

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                FarmUser user = users.setAdmin(name, admin, Optional.empty());
                System.out.println(user.name() + (user.admin() ? " is an admin" : " is no longer an admin"));
                if (users.users().stream().noneMatch(FarmUser::admin)) {
                    System.err.println("note: the farm has no admin now; the web admin pages are closed until"
                            + " you run: pkgforge user set NAME --admin");
                }
            });
        }
    }

    @Command(
            name = "key",
            mixinStandardHelpOptions = true,
            description = "Manage a user's SSH keys.",
            subcommands = {KeyAdd.class, KeyRevoke.class, KeyList.class})
    static final class Key {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a key to a user.")
    static final class KeyAdd implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--key", required = true, paramLabel = "FILE|KEY", description = KEY_HELP)
        String key;

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                PublicKeys.ParsedKey parsed = PublicKeys.fromArgument(key);
                users.addKey(name, parsed);
                System.out.println("added key " + parsed.fingerprint() + " to " + name);
            });
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a key: new sessions with it are refused at once.")
    static final class KeyRevoke implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FINGERPRINT|FILE|KEY", description = "SHA256:... as listed, or the key.")
        String key;

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                users.revokeKey(name, key);
                System.out.println("revoked " + key + " of " + name);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's keys, revoked ones too.")
    static final class KeyList implements Callable<Integer> {
        @Mixin
        StateOptions state = new StateOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return Registries.withUsers(state, users -> {
                for (UserKey k : users.keys(name)) {
                    System.out.printf(
                            "%s %s %s %s%n",
                            k.fingerprint(),
                            k.algorithm(),
                            k.comment() == null ? "-" : k.comment(),
                            k.revoked() ? "revoked " + k.revokedAt() : "live since " + k.addedAt());
                }
            });
        }
    }

    /** Opens the registry as {@link PlatformCommand} does and turns a {@link Failure} into its message and code. */
    static final class Registries {
        interface UserAction {
            void run(UserService users) throws Failure;
        }

        private Registries() {}

        static int withUsers(StateOptions state, UserAction action) throws Exception {
            List<AutoCloseable> resources = new ArrayList<>();
            try {
                action.run(
                        new UserService(RegistryAccess.adminJdbi(state.load(Path.of("/var/lib/pkgforge")), resources)));
                return 0;
            } catch (Failure f) {
                System.err.println("pkgforge user: " + f.getMessage());
                return f.exitCode();
            } finally {
                for (AutoCloseable r : resources) {
                    r.close();
                }
            }
        }
    }
}
