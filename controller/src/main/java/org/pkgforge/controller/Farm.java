package org.pkgforge.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.agents.AgentServer;
import org.pkgforge.controller.agents.AgentTokens;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.db.RegistryAccess;
import org.pkgforge.controller.db.RegistryNotifications;
import org.pkgforge.controller.dispatch.Dispatcher;
import org.pkgforge.controller.incoming.DropDirectoryWatcher;
import org.pkgforge.controller.incoming.IncomingProcessor;
import org.pkgforge.controller.jobs.JobService;
import org.pkgforge.controller.launch.HostManager;
import org.pkgforge.controller.launch.HostRegistration;
import org.pkgforge.controller.launch.HostSupervisor;
import org.pkgforge.controller.launch.LocalLauncher;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.controller.publish.PublishService;
import org.pkgforge.controller.publish.RepoPublisher;
import org.pkgforge.controller.report.JobReporter;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.controller.sftp.SubmissionServer;
import org.pkgforge.controller.ssh.ControllerIdentity;
import org.pkgforge.controller.ssh.SshConnector;
import org.pkgforge.controller.targets.PlatformService;
import org.pkgforge.controller.uploads.OpenUploads;
import org.pkgforge.controller.uploads.SubmissionService;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.controller.web.WebAdminActions;
import org.pkgforge.controller.web.WebJobActions;
import org.pkgforge.controller.web.WebLoginService;
import org.pkgforge.controller.web.WebSubmissions;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.SettingDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.Platform;
import org.pkgforge.webapp.WebConfig;
import org.pkgforge.webapp.WebServer;
import org.pkgforge.webapp.actions.WebActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller process, wired: registry, agent endpoint, dispatcher, incoming processor,
 * publisher, web UI and (optionally) the local agent. Started and closed as one.
 */
public final class Farm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Farm.class);

    private final ControllerConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RegistryAccess registry;
    private WebServer web;
    private AgentServer agents;
    private FarmMetrics metrics;
    private IncomingProcessor incoming;
    private SubmissionServer submissionServer;

    private Farm(ControllerConfig config) {
        this.config = config;
    }

    public static Farm start(ControllerConfig config) throws Exception {
        Farm farm = new Farm(config);
        try {
            farm.startAll();
            return farm;
        } catch (Exception e) {
            farm.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        for (var dir : List.of(
                config.dropDir(), config.acceptedDir(), config.rejectedDir(), config.resultsDir(), config.reposDir())) {
            Files.createDirectories(dir);
        }
        registry = RegistryAccess.open(config);
        closeables.add(registry);
        Jdbi jdbi = registry.controllerJdbi();

        ResultStore results = new ResultStore(config.resultsDir());
        PublishService publisher = new PublishService(config, jdbi, results, new RepoPublisher());
        closeables.add(publisher);

        AgentTokens tokens = new AgentTokens();
        metrics = new FarmMetrics(jdbi);
        agents = new AgentServer(
                jdbi,
                tokens,
                config.heartbeat(),
                config.lease(),
                config.acceptedDir(),
                results,
                publisher,
                config.builds(),
                metrics);
        closeables.add(agents);
        jdbi.onDemand(SettingDao.class)
                .put("max_infra_attempts", Integer.toString(config.builds().maxInfraAttempts()));
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        Dispatcher dispatcher = new Dispatcher(agents::dispatch, tasks::requeueExpired);
        closeables.add(dispatcher);
        agents.start(config.agentBind(), config.agentPort(), dispatcher);
        dispatcher.start(Duration.ofSeconds(Math.max(1, config.heartbeat().toSeconds())));

        startHosts(jdbi, tokens, dispatcher);

        incoming = new IncomingProcessor(config, jdbi, Clock.systemUTC(), jobId -> dispatcher.wake());
        closeables.add(incoming);
        // Recovery first: what an interrupted registration left must not race the first pass.
        incoming.recoverInterrupted();
        startSubmissionAndWeb(jdbi, results);
        DropDirectoryWatcher watcher = new DropDirectoryWatcher(config.dropDir(), incoming, config.rescanInterval());
        closeables.add(watcher);
        watcher.start();
        closeables.add(web);

        JobReporter reporter = new JobReporter(jdbi, config.reports(), this::webUrl);
        closeables.add(reporter);
        reporter.start();

        startLocalAgent(jdbi, tokens);
        publisher.resumeUnpublished();
        log.info("PkgForge controller running: web {}, drop directory {}", webUrl(), config.dropDir());
    }

    /**
     * Build hosts over SSH, and the registry's notifications: new work or host changes made by
     * another process (an admin command) wake this controller at once.
     */
    private void startHosts(Jdbi jdbi, AgentTokens tokens, Dispatcher dispatcher) throws IOException {
        HostManager hostManager;
        try {
            hostManager =
                    HostManager.create(jdbi, config.hosts(), config.stateDir(), tokens, new HostSupervisor.Farm() {
                        @Override
                        public boolean isOnline(String agentName) {
                            return agents.isOnline(agentName);
                        }

                        @Override
                        public int agentPort() {
                            return agents.port();
                        }

                        @Override
                        public void tasksRequeued() {
                            dispatcher.wake();
                        }

                        @Override
                        public OptionalInt launchedSlots(String agentName) {
                            return agents.launchedSlots(agentName);
                        }

                        @Override
                        public void slotsChanged(String agentName, int slots) {
                            agents.slotsChanged(agentName, slots);
                        }

                        @Override
                        public void pauseClaims(String agentName, boolean paused) {
                            agents.pauseClaims(agentName, paused);
                        }
                    });
        } catch (IOException e) {
            log.error("build hosts over SSH are unavailable: {}", e.getMessage());
            hostManager = null;
        }
        if (hostManager != null) {
            closeables.add(hostManager);
            agents.addListener(hostManager);
            hostManager.start();
        }
        HostManager hosts = hostManager;
        RegistryNotifications notifications = new RegistryNotifications(
                registry.controllerCredentials(), Map.of("pkgforge_task", dispatcher::wake, "pkgforge_host", () -> {
                    if (hosts != null) {
                        hosts.hostsChanged();
                    }
                    // Enabled, given a platform or more slots: waiting tasks may be claimable now.
                    dispatcher.wake();
                }));
        closeables.add(notifications);
        notifications.start();
    }

    /**
     * The SSH/SFTP submission endpoint (issue 4, only when configured) and the web UI, on the same
     * services: a web-login over SSH starts a web session, and the web's upload form, cancel and
     * retry go through the code the SSH commands use.
     */
    private void startSubmissionAndWeb(Jdbi jdbi, ResultStore results) throws IOException {
        UploadAreas areas = new UploadAreas(config.stateDir());
        OpenUploads openUploads = new OpenUploads();
        SubmissionService submissions = new SubmissionService(incoming, jdbi, areas.committingDir(), openUploads);
        JobService jobs = new JobService(jdbi, results, agents::stopBuild);
        WebLoginService logins = new WebLoginService(jdbi, config.web().sessionLifetime());
        if (config.sftp().enabled()) {
            submissionServer = new SubmissionServer(
                    config.sftp(), areas, new UserService(jdbi), submissions, jobs, logins, this::webUrl, openUploads);
            closeables.add(submissionServer);
            submissionServer.start();
        } else {
            // Web uploads commit through the same area; the SSH server recovers it when it runs.
            submissions.recoverInterrupted();
        }
        WebConfig webConfig = new WebConfig(
                config.webBind(),
                config.webPort(),
                config.resultsDir(),
                config.reposDir(),
                config.web().proxyAuth());
        WebActions actions = new WebActions(
                        logins,
                        new WebJobActions(jobs),
                        new WebSubmissions(areas, config.sftp(), submissions),
                        metrics::scrape)
                .withAdmin(adminActions(jdbi));
        web = new WebServer(webConfig, registry.webJdbi(), actions);
        results.onLogGrowth(web.logStreams()::signal);
        web.start();
    }

    /**
     * The admin pages' changes. Probing a host needs the controller's SSH identity, as the host
     * manager does; without one the pages still manage platforms and users.
     */
    private WebAdminActions adminActions(Jdbi jdbi) {
        HostRegistration hosts = null;
        String controllerKey = "";
        try {
            ControllerIdentity identity =
                    ControllerIdentity.loadOrCreate(config.hosts().identityFile());
            SshConnector ssh = new SshConnector(
                    identity, config.hosts().connectTimeout(), config.hosts().keepAlive());
            closeables.add(ssh);
            hosts = new HostRegistration(jdbi, ssh);
            controllerKey = identity.authorizedKeysLine();
        } catch (IOException e) {
            log.error("the admin pages cannot add build hosts: {}", e.getMessage());
        }
        return new WebAdminActions(hosts, controllerKey, new PlatformService(jdbi), new UserService(jdbi));
    }

    public Optional<SubmissionServer> submissionServer() {
        return Optional.ofNullable(submissionServer);
    }

    private void startLocalAgent(Jdbi jdbi, AgentTokens tokens) {
        ControllerConfig.LocalAgentConfig local = config.localAgent();
        if (local.platforms().isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            AgentDao agentDao = h.attach(AgentDao.class);
            int agentId = agentDao.upsert(local.name(), local.slots());
            agentDao.clearPlatforms(agentId);
            for (String label : local.platforms()) {
                String[] parts = label.split("/", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("local agent platform must be NAME/ARCH: " + label);
                }
                Platform p = h.attach(PlatformDao.class)
                        .find(parts[0], parts[1])
                        .orElseThrow(() -> new IllegalArgumentException("local agent platform " + label
                                + " is not registered; add it with: pkgforge platform add --name " + parts[0]
                                + " --arch " + parts[1]));
                agentDao.addPlatform(agentId, p.id());
            }
        });
        LocalLauncher launcher =
                new LocalLauncher(local, config.stateDir().resolve("agent-" + local.name()), tokens, agents::port);
        closeables.add(launcher);
        launcher.start();
    }

    public String webUrl() {
        return config.webUrl().orElse(web.baseUrl());
    }

    /** The controller's Prometheus metrics (served at /metrics). */
    public FarmMetrics metrics() {
        return metrics;
    }

    public Jdbi jdbi() {
        return registry.controllerJdbi();
    }

    public int agentPort() {
        return agents.port();
    }

    public ControllerConfig config() {
        return config;
    }

    /** Runs one incoming pass now (tests and the quickstart use it not to wait for the watcher). */
    public void processIncoming() throws IOException {
        incoming.processAll();
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn(
                        "error while stopping {}: {}",
                        closeables.get(i).getClass().getSimpleName(),
                        e.getMessage());
            }
        }
        closeables.clear();
    }
}
