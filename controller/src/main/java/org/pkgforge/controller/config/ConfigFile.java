package org.pkgforge.controller.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code controller.yaml}. Unknown keys are errors with their line and column, so a typo is
 * never silently ignored. Durations are ISO-8601 ({@code PT10S}) or seconds.
 */
public final class ConfigFile {
    private ConfigFile() {}

    /** The file's shape: every key optional, defaults from {@link ControllerConfig#defaults}. */
    record Raw(
            String stateDir,
            String dropDir,
            String acceptedDir,
            String rejectedDir,
            String resultsDir,
            String reposDir,
            String repoLayout,
            ControllerConfig.DatabaseConfig database,
            String webBind,
            Integer webPort,
            String webUrl,
            String agentBind,
            Integer agentPort,
            Long rescanSeconds,
            Long waitForJobSeconds,
            Long heartbeatSeconds,
            Long leaseSeconds,
            RawAgent localAgent,
            RawHosts hosts,
            RawSftp sftp,
            RawWeb web,
            BuildSettings builds,
            ReportSettings reports,
            SigningSettings signing) {}

    /** {@code sftp:} present means enabled (port 0: any free port). */
    record RawSftp(
            String bind,
            Integer port,
            Long quotaBytes,
            Integer maxFiles,
            Integer maxOpenHandles,
            Long abandonAfterHours) {}

    /** {@code web:}: trusted-proxy login and session lifetime. */
    record RawWeb(List<String> trustedProxies, String userHeader, Long sessionHours) {}

    record RawAgent(String name, Integer slots, List<String> platforms, String classpath) {}

    record RawHosts(
            String identityFile,
            String agentJar,
            Long connectTimeoutSeconds,
            Long commandTimeoutSeconds,
            Long keepAliveSeconds,
            Long agentStuckAfterSeconds,
            Long reconnectCapSeconds) {}

    public static ControllerConfig load(Path file, Path defaultStateDir) throws IOException {
        ObjectMapper mapper =
                new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Raw raw;
        try {
            raw = mapper.readValue(file.toFile(), Raw.class);
        } catch (JsonMappingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new IOException(file + where + ": " + e.getOriginalMessage(), e);
        }
        if (raw == null) {
            return ControllerConfig.defaults(defaultStateDir);
        }
        try {
            return apply(raw, defaultStateDir);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static ControllerConfig apply(Raw r, Path defaultStateDir) {
        ControllerConfig d = ControllerConfig.defaults(r.stateDir() != null ? Path.of(r.stateDir()) : defaultStateDir);
        ControllerConfig.LocalAgentConfig agent = d.localAgent();
        if (r.localAgent() != null) {
            RawAgent a = r.localAgent();
            agent = new ControllerConfig.LocalAgentConfig(
                    a.name() != null ? a.name() : agent.name(),
                    a.slots() != null ? a.slots() : agent.slots(),
                    a.platforms() != null ? List.copyOf(a.platforms()) : agent.platforms(),
                    Optional.ofNullable(a.classpath()));
        }
        return new ControllerConfig(
                d.stateDir(),
                path(r.dropDir(), d.dropDir()),
                path(r.acceptedDir(), d.acceptedDir()),
                path(r.rejectedDir(), d.rejectedDir()),
                path(r.resultsDir(), d.resultsDir()),
                path(r.reposDir(), d.reposDir()),
                r.repoLayout() != null ? r.repoLayout() : d.repoLayout(),
                Optional.ofNullable(r.database()),
                r.webBind() != null ? r.webBind() : d.webBind(),
                r.webPort() != null ? r.webPort() : d.webPort(),
                Optional.ofNullable(r.webUrl()),
                r.agentBind() != null ? r.agentBind() : d.agentBind(),
                r.agentPort() != null ? r.agentPort() : d.agentPort(),
                seconds(r.rescanSeconds(), d.rescanInterval()),
                seconds(r.waitForJobSeconds(), d.waitForJob()),
                seconds(r.heartbeatSeconds(), d.heartbeat()),
                seconds(r.leaseSeconds(), d.lease()),
                agent,
                hosts(r.hosts(), d.hosts()),
                sftp(r.sftp(), d.sftp()),
                web(r.web(), d.web()),
                r.builds() != null ? r.builds() : d.builds(),
                r.reports() != null ? r.reports() : d.reports(),
                r.signing() != null ? r.signing() : d.signing());
    }

    private static ControllerConfig.HostsConfig hosts(RawHosts h, ControllerConfig.HostsConfig d) {
        if (h == null) {
            return d;
        }
        return new ControllerConfig.HostsConfig(
                path(h.identityFile(), d.identityFile()),
                h.agentJar() != null ? Optional.of(path(h.agentJar(), null)) : d.agentJar(),
                seconds(h.connectTimeoutSeconds(), d.connectTimeout()),
                seconds(h.commandTimeoutSeconds(), d.commandTimeout()),
                seconds(h.keepAliveSeconds(), d.keepAlive()),
                seconds(h.agentStuckAfterSeconds(), d.agentStuckAfter()),
                d.reconnectBase(),
                seconds(h.reconnectCapSeconds(), d.reconnectCap()));
    }

    private static SftpConfig sftp(RawSftp r, SftpConfig d) {
        if (r == null) {
            return d;
        }
        return new SftpConfig(
                true,
                r.bind() != null ? r.bind() : d.bind(),
                r.port() != null ? r.port() : d.port(),
                r.quotaBytes() != null ? r.quotaBytes() : d.quotaBytes(),
                r.maxFiles() != null ? r.maxFiles() : d.maxFiles(),
                r.maxOpenHandles() != null ? r.maxOpenHandles() : d.maxOpenHandles(),
                r.abandonAfterHours() != null ? Duration.ofHours(r.abandonAfterHours()) : d.abandonAfter());
    }

    private static WebSettings web(RawWeb r, WebSettings d) {
        if (r == null) {
            return d;
        }
        return new WebSettings(
                r.trustedProxies() != null ? WebSettings.addresses(r.trustedProxies()) : d.trustedProxies(),
                r.userHeader() != null ? r.userHeader() : d.userHeader(),
                r.sessionHours() != null ? Duration.ofHours(r.sessionHours()) : d.sessionLifetime());
    }

    private static Path path(String value, Path fallback) {
        return value != null ? Path.of(value).toAbsolutePath().normalize() : fallback;
    }

    private static Duration seconds(Long value, Duration fallback) {
        return value != null ? Duration.ofSeconds(value) : fallback;
    }
}
