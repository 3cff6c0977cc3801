package org.pkgforge.controller.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.config.ControllerConfig;
import org.pkgforge.controller.config.SftpConfig;
import org.pkgforge.controller.incoming.IncomingProcessor;
import org.pkgforge.controller.jobs.JobService;
import org.pkgforge.controller.results.ResultStore;
import org.pkgforge.controller.uploads.OpenUploads;
import org.pkgforge.controller.uploads.SubmissionService;
import org.pkgforge.controller.uploads.UploadAreas;
import org.pkgforge.controller.uploads.UploadCollector;
import org.pkgforge.controller.users.PublicKeys;
import org.pkgforge.controller.users.UserService;
import org.pkgforge.controller.web.WebLoginService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submission endpoint: an SSH server offering only public-key authentication against the
 * registry, the SFTP subsystem confined to the user's upload area, and the PkgForge commands
 * ({@link SshCommands}) as exec requests. No shell, no forwarding, no other subsystem.
 */
public final class SubmissionServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubmissionServer.class);

    private final SftpConfig config;
    private final UploadAreas areas;
    private final UserService users;
    private final SubmissionService submissions;
    private final JobService jobs;
    private final WebLoginService webLogins;
    private final Supplier<String> webUrl;
    private final UploadCollector collector;
    private final OpenUploads openUploads;
    private SshServer sshd;

    /** {@code webUrl}: the web UI's address, for the URLs {@code web-login} prints. */
    public SubmissionServer(
            SftpConfig config,
            UploadAreas areas,
            UserService users,
            SubmissionService submissions,
            JobService jobs,
            WebLoginService webLogins,
            Supplier<String> webUrl,
            OpenUploads openUploads) {
        this.config = config;
        this.areas = areas;
        this.users = users;
        this.openUploads = openUploads;
        this.submissions = submissions;
        this.jobs = jobs;
        this.webLogins = webLogins;
        this.webUrl = webUrl;
        this.collector = new UploadCollector(areas.uploadsDir(), config.abandonAfter(), Clock.systemUTC());
    }

    /**
     * Wired over the farm's registry, incoming processor and results, outside a running farm (the
     * web URL is the configured one, or the configured listener's).
     */
    public static SubmissionServer forFarm(
            ControllerConfig config, Jdbi jdbi, IncomingProcessor incoming, ResultStore results) throws IOException {
        UploadAreas areas = new UploadAreas(config.stateDir());
        OpenUploads openUploads = new OpenUploads();
        return new SubmissionServer(
                config.sftp(),
                areas,
                new UserService(jdbi),
                new SubmissionService(incoming, jdbi, areas.committingDir(), openUploads),
                new JobService(jdbi, results),
                new WebLoginService(jdbi, config.web().sessionLifetime()),
                () -> config.webUrl().orElse("http://" + config.webBind() + ":" + config.webPort()),
                openUploads);
    }

    /** Finishes the commits a stopped controller left (before anyone can connect), then serves. */
    public void start() throws IOException {
        submissions.recoverInterrupted();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(config.bind());
        server.setPort(config.port());
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(areas.hostKey());
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        hostKeys.loadKeys(null); // generated now, not at the first connection, so it can be shown
        Files.setPosixFilePermissions(areas.hostKey(), PosixFilePermissions.fromString("rw-------"));
        server.setKeyPairProvider(hostKeys);

        server.setPublickeyAuthenticator(new RegistryKeyAuthenticator(users));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setShellFactory(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setCommandFactory((channel, command) -> new SshCommand(command, this::context));

        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new ConfinedFileSystemAccessor(config, openUploads))
                .withSftpErrorStatusDataHandler(new SftpErrors())
                .build();
        sftp.addSftpEventListener(new UploadQuota(config.quotaBytes()));
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory() {
            @Override
            public java.nio.file.Path getUserHomeDir(SessionContext session) throws IOException {
                return areas.rootOf(session.getUsername());
            }
        });

        SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, config.maxOpenHandles());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, 6);
        CoreModuleProperties.AUTH_TIMEOUT.set(server, Duration.ofSeconds(30));
        server.start();
        sshd = server;
        collector.start();
        log.info("submission SSH/SFTP server on {}:{}, host key {}", config.bind(), port(), hostKeyFingerprint());
    }

    private SshCommands.Context context(String user, PrintWriter out, OutputStream bytesOut) {
        return new SshCommands.Context(user, areas, users, submissions, jobs, webLogins, webUrl, out, bytesOut);
    }

    public int port() {
        return sshd.getPort();
    }

    public PublicKey hostKey() {
        try {
            for (KeyPair kp : sshd.getKeyPairProvider().loadKeys(null)) {
                return kp.getPublic();
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the host key", e);
        }
        throw new IllegalStateException("no host key");
    }

    /** "SHA256:..." as ssh-keygen -lf prints it, for users' known_hosts. */
    public String hostKeyFingerprint() {
        return PublicKeys.fingerprint(hostKey());
    }

    @Override
    public void close() throws IOException {
        collector.close();
        if (sshd != null) {
            sshd.stop(true);
            sshd = null;
        }
    }
}
