package org.pkgforge.controller.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.agents.AgentPresence;
import org.pkgforge.controller.agents.AgentTokens;
import org.pkgforge.controller.config.ControllerConfig.HostsConfig;
import org.pkgforge.controller.ssh.ControllerIdentity;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.row.Host;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link HostSupervisor} per build host in the registry. Reconciles when an admin
 * changes hosts (NOTIFY pkgforge_host, see {@link #hostsChanged()}) and, as a safety net, every
 * 30 s; forwards agent connection events to the host's supervisor.
 */
public final class HostManager implements AgentPresence.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostManager.class);

    private final Jdbi jdbi;
    private final SshConnector ssh;
    private final AgentJar jar;
    private final AgentTokens tokens;
    private final HostSupervisor.Farm farm;
    private final HostsConfig config;
    private final Map<String, HostSupervisor> supervisors = new ConcurrentHashMap<>();
    private final Map<String, Host> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "host-manager");
        t.setDaemon(true);
        return t;
    });

    public HostManager(
            Jdbi jdbi,
            ControllerIdentity identity,
            AgentJar jar,
            AgentTokens tokens,
            HostSupervisor.Farm farm,
            HostsConfig config) {
        this.jdbi = jdbi;
        this.jar = jar;
        this.tokens = tokens;
        this.farm = farm;
        this.config = config;
        this.ssh = new SshConnector(identity, config.connectTimeout(), config.keepAlive());
    }

    /** The identity and agent jar a farm's host manager uses, from its configuration. */
    public static HostManager create(
            Jdbi jdbi, HostsConfig config, Path stateDir, AgentTokens tokens, HostSupervisor.Farm farm)
            throws IOException {
        ControllerIdentity identity = ControllerIdentity.loadOrCreate(config.identityFile());
        AgentJar jar = AgentJar.locate(config.agentJar(), stateDir.resolve("agent-jar"));
        return new HostManager(jdbi, identity, jar, tokens, farm, config);
    }

    public void start() {
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, 30, TimeUnit.SECONDS);
    }

    /** An admin added, changed or removed a host. */
    public void hostsChanged() {
        reconciler.execute(this::reconcile);
    }

    private void reconcile() {
        try {
            List<Host> hosts = jdbi.onDemand(HostDao.class).list();
            for (Host host : hosts) {
                Host before = known.put(host.name(), host);
                HostSupervisor s = supervisors.get(host.name());
                if (s == null) {
                    s = new HostSupervisor(host.name(), jdbi, ssh, jar, tokens, farm, config);
                    supervisors.put(host.name(), s);
                    s.start();
                    log.info("supervising build host {} ({})", host.name(), host.ssh());
                } else if (before != null) {
                    if (before.slots() != host.slots()) {
                        log.info("build host {}: {} slot(s) now, was {}", host.name(), host.slots(), before.slots());
                        s.slotsChanged(host.slots());
                    }
                    if (!sameSettings(before, host)) {
                        log.info("build host {} changed; reconnecting", host.name());
                        s.reconfigure();
                    }
                }
            }
            for (String name : List.copyOf(supervisors.keySet())) {
                if (hosts.stream().noneMatch(h -> h.name().equals(name))) {
                    log.info("build host {} removed; stopping its agent", name);
                    known.remove(name);
                    supervisors.remove(name).close(true);
                }
            }
        } catch (RuntimeException e) {
            log.error("reconciling build hosts failed; retrying in 30 s", e);
        }
    }

    /**
     * Settings that need a new SSH connection. Enabling, disabling and platforms do not (the
     * registry decides claims), and neither do slots: see {@link HostSupervisor#slotsChanged}.
     */
    private static boolean sameSettings(Host a, Host b) {
        return a.ssh().equals(b.ssh())
                && a.hostKey().equals(b.hostKey())
                && a.workDir().equals(b.workDir())
                && a.javaCommand().equals(b.javaCommand());
    }

    @Override
    public void connected(String agentName) {
        poke(agentName);
    }

    @Override
    public void disconnected(String agentName, String reason) {
        poke(agentName);
    }

    @Override
    public void refused(String agentName, String reason) {
        poke(agentName);
    }

    private void poke(String agentName) {
        HostSupervisor s = supervisors.get(agentName);
        if (s != null) {
            s.agentChanged();
        }
    }

    @Override
    public void close() throws IOException {
        reconciler.shutdownNow();
        supervisors.values().forEach(HostSupervisor::close);
        supervisors.clear();
        ssh.close();
    }
}
