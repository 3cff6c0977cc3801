package org.pkgforge.controller.web;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.pkgforge.controller.jobs.Failure;
import org.pkgforge.controller.launch.HostChange;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSpec;
import org.pkgforge.controller.ssh.HostFailure;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.targets.PlatformService;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.sql.row.Host;
import org.pkgforge.webapp.actions.AdminActions;
import org.pkgforge.webapp.actions.Refused;
import org.pkgforge.webapp.actions.WebUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages' changes, on the services {@code pkgforge host|platform|user} use. Checks the
 * admin flag itself, logs every change with the admin's name, and takes keys only as pasted text
 * (never a file name, unlike the CLI's {@code --key}).
 */
public final class WebAdminActions implements AdminActions {
    private static final Logger log = LoggerFactory.getLogger(WebAdminActions.class);

    private final HostRegistration hosts;
    private final String controllerKey;
    private final PlatformService platforms;
    private final UserService users;

    /** {@code hosts}: null when the controller has no SSH identity, so hosts cannot be probed. */
    public WebAdminActions(HostRegistration hosts, String controllerKey, PlatformService platforms, UserService users) {
        this.hosts = hosts;
        this.controllerKey = controllerKey;
        this.platforms = platforms;
        this.users = users;
    }

    @Override
    public String controllerKey() {
        return controllerKey;
    }

    @Override
    public OfferedKey probeHost(WebUser admin, HostRequest request) throws Refused {
        requireAdmin(admin);
        HostSpec spec = spec(request);
        try {
            hosts().checkNew(spec);
            PublicKey key = hosts().probe(spec.ssh());
            return new OfferedKey(HostKeys.line(key), KeyUtils.getKeyType(key), HostKeys.fingerprint(key));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        } catch (HostFailure e) {
            throw new Refused(Refused.Kind.CONFLICT, "cannot fetch the host key: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> addHost(WebUser admin, HostRequest request, String confirmedKey) throws Refused {
        requireAdmin(admin);
        HostSpec spec = spec(request);
        PublicKey key = key(confirmedKey);
        try {
            Optional<String> warning = hosts().verifyGivenKey(spec.ssh(), key);
            hosts().add(spec, key);
            log.info(
                    "{} added build host {} ({}) from the web, host key {} pinned",
                    admin.name(),
                    spec.name(),
                    spec.ssh(),
                    HostKeys.fingerprint(key));
            return warning;
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        } catch (HostFailure e) {
            throw new Refused(Refused.Kind.CONFLICT, e.getMessage(), e);
        }
    }

    @Override
    public void setHostEnabled(WebUser admin, String host, boolean enabled) throws Refused {
        requireAdmin(admin);
        try {
            hosts().setEnabled(host, enabled);
        } catch (IllegalArgumentException e) {
            throw notFound(e);
        }
        log.info("{} {} build host {} from the web", admin.name(), enabled ? "enabled" : "disabled", host);
    }

    @Override
    public String changeHost(WebUser admin, String name, int slots, List<String> platforms) throws Refused {
        requireAdmin(admin);
        HostChange change;
        try {
            change = new HostChange(OptionalInt.of(slots), Optional.of(platforms));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
        Host before;
        Host after;
        try {
            before = hosts().require(name);
        } catch (IllegalArgumentException e) {
            throw notFound(e);
        }
        try {
            after = hosts().change(name, change);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
        String summary = HostChange.summary(before, after);
        log.info("{} changed build host {} from the web: {}", admin.name(), name, summary);
        return summary;
    }

    @Override
    public int removeHost(WebUser admin, String host) throws Refused {
        requireAdmin(admin);
        try {
            int requeued = hosts().remove(host);
            log.info("{} removed build host {} from the web; {} task(s) queued again", admin.name(), host, requeued);
            return requeued;
        } catch (IllegalArgumentException e) {
            throw notFound(e);
        }
    }

    @Override
    public Optional<String> pinHostKey(WebUser admin, String name, String confirmedKey) throws Refused {
        requireAdmin(admin);
        PublicKey key = key(confirmedKey);
        Host host;
        Optional<String> warning;
        try {
            host = hosts().require(name);
            warning = hosts().verifyGivenKey(host.ssh(), key);
        } catch (IllegalArgumentException e) {
            throw notFound(e);
        } catch (HostFailure e) {
            String now = e.offeredHostKey() == null ? "another key" : HostKeys.fingerprint(e.offeredHostKey());
            throw new Refused(
                    Refused.Kind.CONFLICT,
                    name + " now presents " + now + ", not the confirmed " + HostKeys.fingerprint(key)
                            + "; nothing re-pinned (reload the page to see what it presents)",
                    e);
        }
        hosts().pin(name, key);
        log.info(
                "{} re-pinned the host key of {} from the web: {} replaced by {}",
                admin.name(),
                name,
                HostKeys.fingerprint(host.hostKey()),
                HostKeys.fingerprint(key));
        return warning;
    }

    @Override
    public void addPlatform(WebUser admin, String name, String arch) throws Refused {
        requireAdmin(admin);
        run(() -> platforms.add(name, arch));
        log.info("{} added platform {}/{} from the web", admin.name(), name, arch);
    }

    @Override
    public void setPlatformActive(WebUser admin, String name, String arch, boolean active) throws Refused {
        requireAdmin(admin);
        run(() -> {
            if (active) {
                platforms.activate(name, arch);
            } else {
                platforms.deactivate(name, arch);
            }
        });
        log.info("{} {} platform {}/{} from the web", admin.name(), active ? "activated" : "deactivated", name, arch);
    }

    @Override
    public void setPlatformAuto(WebUser admin, String name, String arch, boolean auto) throws Refused {
        requireAdmin(admin);
        run(() -> platforms.setAuto(name, arch, auto));
        log.info("{} set auto={} on platform {}/{} from the web", admin.name(), auto, name, arch);
    }

    @Override
    public void addUser(WebUser admin, String name, boolean isAdmin, String key) throws Refused {
        requireAdmin(admin);
        run(() -> users.addUser(name, isAdmin, PublicKeys.parse(key)));
        log.info("{} added user {}{} from the web", admin.name(), name, isAdmin ? " (admin)" : "");
    }

    @Override
    public void addKey(WebUser admin, String user, String key) throws Refused {
        requireAdmin(admin);
        run(() -> users.addKey(user, PublicKeys.parse(key)));
        log.info("{} added a key to user {} from the web", admin.name(), user);
    }

    @Override
    public void setUserAdmin(WebUser admin, String user, boolean isAdmin) throws Refused {
        requireAdmin(admin);
        run(() -> users.setAdmin(user, isAdmin, Optional.of(admin.name())));
        log.info("{} {} the admin flag of user {} from the web", admin.name(), isAdmin ? "granted" : "revoked", user);
    }

    @Override
    public void revokeKey(WebUser admin, String user, String fingerprint) throws Refused {
        requireAdmin(admin);
        if (!fingerprint.startsWith("SHA256:")) {
            throw new Refused(Refused.Kind.INVALID, "give the key's SHA256: fingerprint, as listed");
        }
        run(() -> users.revokeKey(user, fingerprint));
        log.info("{} revoked key {} of user {} from the web", admin.name(), fingerprint, user);
    }

    private HostRegistration hosts() throws Refused {
        if (hosts == null) {
            throw new Refused(
                    Refused.Kind.CONFLICT, "build hosts over SSH are unavailable here (see the controller's log)");
        }
        return hosts;
    }

    private static void requireAdmin(WebUser user) throws Refused {
        if (!user.admin()) {
            throw new Refused(Refused.Kind.FORBIDDEN, "admins only: " + user.name() + " is not a farm admin");
        }
    }

    private static HostSpec spec(HostRequest r) throws Refused {
        try {
            String name = r.name() == null ? "" : r.name();
            return new HostSpec(
                    name,
                    HostSpec.parseTarget(r.ssh() == null ? "" : r.ssh()),
                    r.platforms(),
                    r.slots(),
                    r.workDir() != null ? r.workDir() : HostSpec.defaultWorkDir(name),
                    r.javaCommand() != null ? r.javaCommand() : "java");
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    private static PublicKey key(String line) throws Refused {
        try {
            return HostKeys.parse(line);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    private static Refused invalid(IllegalArgumentException e) {
        Refused.Kind kind = String.valueOf(e.getMessage()).contains("already exists")
                ? Refused.Kind.CONFLICT
                : Refused.Kind.INVALID;
        return new Refused(kind, e.getMessage(), e);
    }

    private static Refused notFound(IllegalArgumentException e) {
        return new Refused(Refused.Kind.NOT_FOUND, e.getMessage(), e);
    }

    private interface Change {
        void run() throws Failure;
    }

    private static void run(Change change) throws Refused {
        try {
            change.run();
        } catch (Failure f) {
            throw Refusals.of(f);
        }
    }
}
