package org.pkgforge.controller.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.ssh.HostFailure;
import org.pkgforge.controller.ssh.HostKeys;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.row.Host;
import org.pkgforge.sql.row.Host.SshTarget;
import org.pkgforge.sql.row.Platform;

/**
 * Adding, changing, re-pinning, enabling, disabling and removing build hosts: the service behind {@code
 * pkgforge host} and the admin web page. A host is only ever added with a pinned key: one the admin
 * confirmed after a probe, or one given explicitly (which, when the host is reachable, must match
 * what it presents). {@code ssh} may be null for a caller that never probes.
 */
public final class HostRegistration {
    private final Jdbi jdbi;
    private final SshConnector ssh;

    public HostRegistration(Jdbi jdbi, SshConnector ssh) {
        this.jdbi = jdbi;
        this.ssh = ssh;
    }

    /** The key the host presents now (no login is attempted). */
    public PublicKey probe(SshTarget target) throws HostFailure {
        return ssh.probeHostKey(target);
    }

    /** The key for {@code target} in an OpenSSH known_hosts file (hashed entries too). */
    public static PublicKey fromKnownHosts(Path file, SshTarget target) throws IOException {
        for (KnownHostEntry e : KnownHostEntry.readKnownHostEntries(file)) {
            if (e.getMarker() == null && e.isHostMatch(target.host(), target.port())) {
                try {
                    return e.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                } catch (java.security.GeneralSecurityException ex) {
                    throw new IOException(file + ": unusable key for " + target.host() + ": " + ex.getMessage(), ex);
                }
            }
        }
        String name = target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port();
        throw new IOException("no key for " + name + " in " + file);
    }

    /**
     * Checks an explicitly given key against the host when it can be reached. Returns a warning
     * when it could not be checked; throws when the host presents another key.
     */
    public Optional<String> verifyGivenKey(SshTarget target, PublicKey given) throws HostFailure {
        PublicKey offered;
        try {
            offered = probe(target);
        } catch (HostFailure e) {
            return Optional.of("could not check the key now (" + e.getMessage() + "); pinned as given");
        }
        if (!HostKeys.same(offered, given)) {
            throw new HostFailure(
                    HostFailure.Kind.HOST_KEY_CHANGED,
                    target + " presents " + HostKeys.fingerprint(offered) + ", not the given "
                            + HostKeys.fingerprint(given) + "; not adding it",
                    HostKeys.line(offered),
                    null);
        }
        return Optional.empty();
    }

    /** Inserts the host with its pinned key and platforms, in one transaction. */
    public void add(HostSpec spec, PublicKey pinned) {
        jdbi.useTransaction(h -> {
            HostDao hosts = h.attach(HostDao.class);
            AgentDao agents = h.attach(AgentDao.class);
            List<Platform> platforms = checkNew(h, spec);
            int id = hosts.add(
                    spec.name(),
                    spec.slots(),
                    spec.ssh().user(),
                    spec.ssh().host(),
                    spec.ssh().port(),
                    HostKeys.line(pinned),
                    spec.workDir(),
                    spec.javaCommand());
            for (Platform p : platforms) {
                agents.addPlatform(id, p.id());
            }
        });
    }

    /** Refuses what {@link #add} would (a name taken, an unknown platform) before anyone probes the host. */
    public void checkNew(HostSpec spec) {
        jdbi.useHandle(h -> checkNew(h, spec));
    }

    private static List<Platform> checkNew(Handle h, HostSpec spec) {
        if (h.attach(AgentDao.class).exists(spec.name())) {
            throw new IllegalArgumentException("a host or agent named " + spec.name() + " already exists");
        }
        return resolvePlatforms(h.attach(PlatformDao.class), spec.platforms());
    }

    /** The host, or a refusal naming the command that lists them. */
    public Host require(String name) {
        return jdbi.withExtension(HostDao.class, hosts -> hosts.find(name)).orElseThrow(() -> noHost(name));
    }

    private static IllegalArgumentException noHost(String name) {
        return new IllegalArgumentException("no build host " + name + "; see: pkgforge host list");
    }

    /** A disabled host gets no new task; builds running there finish. */
    public void setEnabled(String name, boolean enabled) {
        require(name);
        jdbi.useExtension(HostDao.class, hosts -> hosts.setEnabled(name, enabled));
    }

    /**
     * Changes the host's slots and/or replaces its platforms, in one transaction; returns the host as
     * it is now. Tasks running there keep running either way: a lowered slot count only holds back
     * new claims, and a platform taken away only stops new tasks of it. A running controller hears
     * of it at once (NOTIFY pkgforge_host) and applies it; see HostSupervisor for the agent's side.
     */
    public Host change(String name, HostChange change) {
        return jdbi.inTransaction(h -> {
            HostDao hosts = h.attach(HostDao.class);
            Host host = hosts.find(name).orElseThrow(() -> noHost(name));
            change.slots().ifPresent(slots -> hosts.setSlots(name, slots));
            if (change.platforms().isPresent()) {
                List<Platform> platforms = resolvePlatforms(
                        h.attach(PlatformDao.class), change.platforms().get());
                AgentDao agents = h.attach(AgentDao.class);
                agents.clearPlatforms(host.id());
                for (Platform p : platforms) {
                    agents.addPlatform(host.id(), p.id());
                }
            }
            return hosts.find(name).orElseThrow();
        });
    }

    /** Replaces the pinned key (an admin's decision after a legitimate change); returns the host as it was. */
    public Host pin(String name, PublicKey key) {
        Host before = require(name);
        jdbi.useExtension(HostDao.class, hosts -> hosts.pinHostKey(name, HostKeys.line(key)));
        return before;
    }

    /** Removes the host (its agent is stopped); its running tasks are queued again. Returns how many. */
    public int remove(String name) {
        require(name);
        return jdbi.inTransaction(h -> {
            HostDao hosts = h.attach(HostDao.class);
            int requeued = hosts.requeueAttemptsOf(name, "build host " + name + " removed: infrastructure failure");
            hosts.remove(name);
            return requeued;
        });
    }

    private static List<Platform> resolvePlatforms(PlatformDao dao, List<String> labels) {
        return labels.stream()
                .map(label -> {
                    String[] parts = label.split("/", 2);
                    return dao.find(parts[0], parts[1])
                            .orElseThrow(() -> new IllegalArgumentException("no platform " + label
                                    + "; add it first: pkgforge platform add --name " + parts[0] + " --arch "
                                    + parts[1]));
                })
                .toList();
    }
}
