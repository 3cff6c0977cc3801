package org.pkgforge.controller.agents;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.controller.dispatch.Dispatcher;
import org.pkgforge.controller.metrics.FarmMetrics;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.codec.MessageSizes;
import org.pkgforge.protocol.job.Checksums;
import org.pkgforge.sql.dao.AgentDao;
import org.pkgforge.sql.dao.HostDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.CancelledAttempt;
import org.pkgforge.sql.row.ClaimedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' endpoint: a Netty server agents connect to (they need no inbound port). Keeps the
 * authenticated sessions and runs the dispatch pass over them.
 */
public final class AgentServer implements AgentPresence, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);
    public static final String VERSION = "0.1.0";

    private final Jdbi jdbi;
    private final AgentTokens tokens;
    private final Duration heartbeat;
    private final Duration lease;
    private final TaskSender sender;
    private final AttemptReceiver receiver;
    private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();
    private final List<AgentPresence.Listener> listeners = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private Dispatcher dispatcher;
    private Channel serverChannel;

    public AgentServer(
            Jdbi jdbi,
            AgentTokens tokens,
            Duration heartbeat,
            Duration lease,
            java.nio.file.Path acceptedDir,
            org.pkgforge.controller.results.ResultStore results,
            org.pkgforge.controller.publish.PublishService publisher,
            org.pkgforge.controller.config.BuildSettings builds,
            FarmMetrics metrics) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.heartbeat = heartbeat;
        this.lease = lease;
        this.sender = new TaskSender(jdbi, acceptedDir, results, builds, metrics);
        this.receiver = new AttemptReceiver(jdbi, results, publisher, metrics);
    }

    public void start(String bind, int port, Dispatcher dispatcher) throws InterruptedException {
        this.dispatcher = dispatcher;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                // As the agent's side: room for a few 256 KiB source chunks in flight. With Netty's
                // default (64 KiB high) every chunk made the channel unwritable, so TaskSender slept
                // in awaitWritable after each one and the transfer stalled between chunks.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
                // Source chunks still queued for the event loop count too (see MessageSizes).
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, MessageSizes.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        MessageCodec.addTo(ch.pipeline());
                        ch.pipeline()
                                .addLast(new IdleStateHandler(heartbeat.toMillis() * 3, 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new AgentHandler(AgentServer.this));
                    }
                });
        serverChannel = b.bind(bind, port).sync().channel();
        log.info("agent endpoint listening on {}", serverChannel.localAddress());
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Checks an agent's secret. A launch token is spent here and answered with a new session key
     * (its hash goes to the registry, so the agent can reconnect to a restarted controller); a
     * session key is answered with "" (keep it). Empty when neither matches.
     */
    Optional<String> authenticate(String agentName, String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        HostDao hosts = jdbi.onDemand(HostDao.class);
        if (tokens.consume(agentName, secret)) {
            String sessionKey = tokens.newSecret();
            hosts.setSessionKey(agentName, Checksums.sha256Hex(sessionKey.getBytes(StandardCharsets.UTF_8)));
            return Optional.of(sessionKey);
        }
        Optional<String> stored = hosts.sessionKey(agentName);
        String presented = Checksums.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
        if (stored.isPresent() && AgentTokens.constantTimeEquals(stored.get(), presented)) {
            return Optional.of("");
        }
        return Optional.empty();
    }

    /**
     * A user cancelled this running attempt: the agent is told to kill the build now rather than
     * at its next heartbeat, and its slot counts as free. Nothing it sends for the attempt counts.
     */
    public void stopBuild(CancelledAttempt cancelled) {
        AgentSession s = sessions.get(cancelled.agentName());
        if (s == null) {
            return; // offline: its next heartbeat after reconnecting is refused as stale
        }
        s.abortOnce(new ClaimedTask(cancelled.taskId(), cancelled.attempt()), "cancelled");
        slotFreed();
    }

    @Override
    public boolean isOnline(String agentName) {
        AgentSession s = sessions.get(agentName);
        return s != null && s.isOpen();
    }

    @Override
    public void addListener(AgentPresence.Listener listener) {
        listeners.add(listener);
    }

    void refused(String agentName, String reason) {
        for (AgentPresence.Listener l : listeners) {
            l.refused(agentName, reason);
        }
    }

    Duration heartbeat() {
        return heartbeat;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    AttemptReceiver receiver() {
        return receiver;
    }

    void online(AgentSession session) {
        AgentSession old = sessions.put(session.name(), session);
        if (old != null) {
            old.close();
        }
        // Attempts it was running before the connection dropped are still its own.
        session.running().addAll(jdbi.onDemand(TaskDao.class).openAttempts(session.name()));
        // Read after the session is listed, so a slot change made meanwhile is not missed.
        jdbi.onDemand(AgentDao.class).slots(session.name()).ifPresent(session::useRegistrySlots);
        jdbi.onDemand(AgentDao.class).setState(session.name(), "online", null, session.version());
        log.info(
                "agent {} online ({} running)",
                session.name(),
                session.running().size());
        for (AgentPresence.Listener l : listeners) {
            l.connected(session.name());
        }
        dispatcher.wake();
    }

    void offline(AgentSession session, String reason) {
        if (sessions.remove(session.name(), session)) {
            jdbi.onDemand(AgentDao.class).setState(session.name(), "offline", reason, null);
            log.warn("agent {} offline: {}", session.name(), reason);
            for (AgentPresence.Listener l : listeners) {
                l.disconnected(session.name(), reason);
            }
        }
        session.close();
    }

    /** Renews the leases of what the agent says it runs; returns the attempts that are stale. */
    List<ClaimedTask> renew(AgentSession session, List<ClaimedTask> running) {
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        return running.stream()
                .filter(r -> !tasks.renewLease(r.taskId(), r.attempt(), lease.toSeconds()))
                .toList();
    }

    /**
     * Pauses (or resumes) new claims for the connected agent; once this returns, no claim for it is
     * in flight. A reconnected agent starts unpaused. False when it is not connected.
     */
    public boolean pauseClaims(String agentName, boolean paused) {
        AgentSession s = sessions.get(agentName);
        if (s == null) {
            return false;
        }
        s.pauseClaims(paused);
        if (!paused) {
            dispatcher.wake();
        }
        return true;
    }

    /** The slots the connected agent was started with ({@code --slots}), if it is connected. */
    public OptionalInt launchedSlots(String agentName) {
        AgentSession s = sessions.get(agentName);
        return s != null && s.isOpen() ? OptionalInt.of(s.launchedSlots()) : OptionalInt.empty();
    }

    /**
     * An admin changed the agent's slots in the registry: new claims obey them from the next pass
     * (run now), up to what the agent was started with; its running tasks are left alone.
     */
    public void slotsChanged(String agentName, int slots) {
        AgentSession s = sessions.get(agentName);
        if (s != null) {
            s.useRegistrySlots(slots);
            dispatcher.wake();
        }
    }

    void slotFreed() {
        dispatcher.wake();
    }

    /** The dispatch pass: claim for each free slot and push the task on the agent's own thread. */
    public void dispatch() {
        // One handle for the pass: jdbi.onDemand opens one per call, which cost more CPU than the
        // claim itself (docs/benchmarks.md, "Task claims").
        try (Handle handle = jdbi.open()) {
            TaskDao tasks = handle.attach(TaskDao.class);
            for (AgentSession session : sessions.values()) {
                while (session.isOpen() && session.freeSlots() > 0) {
                    Optional<ClaimedTask> claim =
                            session.claimUnlessPaused(() -> tasks.claim(session.name(), lease.toSeconds()));
                    if (claim.isEmpty()) {
                        break;
                    }
                    session.running().add(claim.get());
                    session.execute(() -> push(session, claim.get()));
                }
            }
        }
    }

    private void push(AgentSession session, ClaimedTask claim) {
        try {
            sender.send(session, claim);
        } catch (Exception e) {
            log.error("could not send task {} to {}: {}", claim.taskId(), session.name(), e.getMessage(), e);
            jdbi.onDemand(TaskDao.class)
                    .finish(
                            claim.taskId(),
                            claim.attempt(),
                            "infra_fail",
                            "could not send the task: " + e.getMessage());
            session.running().remove(claim);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(AgentSession::close);
        if (serverChannel != null) {
            serverChannel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
