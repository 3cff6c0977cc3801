package org.pkgforge.agent.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.codec.MessageSizes;
import org.pkgforge.protocol.message.Hello;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to the controller up for as long as the agent runs: connects, reconnects
 * with backoff after any loss (no retry limit; a build host may outlive a controller restart),
 * and stops only when closed or permanently refused.
 */
public final class ControllerConnection implements SessionSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerConnection.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long WAKE_MILLIS = 100;
    private static final long LOCATOR_POLL_MILLIS = 200;

    /** How to reach the controller and what to say first. */
    public record Settings(
            ControllerLocator address,
            Hello hello,
            Duration reconnectBase,
            Duration reconnectCap,
            Duration handshakeTimeout) {}

    private final Settings settings;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Backoff backoff;
    private final CompletableFuture<String> refusal = new CompletableFuture<>();
    private final Object sessionChanged = new Object();

    private volatile ControllerListener listener;
    private volatile boolean closed;
    private volatile ChannelSession current;
    // Once welcomed, the launch token is spent: later connections present the session key.
    private volatile String sessionKey;

    public ControllerConnection(Settings settings) {
        this.settings = settings;
        this.backoff = new Backoff(settings.reconnectBase(), settings.reconnectCap(), new Random());
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("controller-connection", true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                // Room for a few 256 KiB product chunks in flight before senders are paused.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
                // Chunks still queued for the event loop count too, so send() really waits.
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, MessageSizes.INSTANCE)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        MessageCodec.addTo(channel.pipeline());
                        channel.pipeline()
                                .addLast(
                                        "controller",
                                        new ControllerHandler(
                                                ControllerConnection.this,
                                                listener,
                                                ControllerConnection.this::hello,
                                                settings.handshakeTimeout()));
                    }
                });
    }

    /** Connects, and keeps reconnecting; {@code listener} hears about every session. */
    public void start(ControllerListener listener) {
        this.listener = listener;
        group.execute(this::connect);
    }

    /** Completes with the reason once the controller refuses this agent for good. */
    public CompletableFuture<String> permanentRefusal() {
        return refusal;
    }

    public Optional<Session> current() {
        ChannelSession session = current;
        return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
    }

    @Override
    public Session await() throws InterruptedException {
        synchronized (sessionChanged) {
            while (true) {
                if (closed) {
                    throw new InterruptedException("connection to the controller is closed");
                }
                ChannelSession session = current;
                if (session != null && session.isOpen()) {
                    return session;
                }
                sessionChanged.wait(WAKE_MILLIS);
            }
        }
    }

    private void connect() {
        if (stopped()) {
            return;
        }
        ControllerAddress address;
        try {
            address = settings.address().locate();
        } catch (IOException e) {
            LOG.info("Cannot locate controller: {}", e.getMessage());
            reconnectLater();
            return;
        }
        ChannelFuture future = bootstrap.connect(address.host(), address.port());
        future.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = future.channel();
                channel.closeFuture().addListener(closedFuture -> reconnectLater());
            } else {
                LOG.info("Cannot reach controller {}: {}", address, done.cause().toString());
                reconnectLater();
            }
        });
    }

    private void reconnectLater() {
        if (stopped()) {
            return;
        }
        Duration delay = backoff.next();
        LOG.info("Reconnecting to controller {} in {} ms", settings.address(), delay.toMillis());
        long generation = settings.address().generation();
        waitThenConnect(System.nanoTime() + delay.toNanos(), generation);
    }

    /** Sits out the backoff, but connects at once when the locator's answer changes. */
    private void waitThenConnect(long deadline, long generation) {
        if (stopped()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || settings.address().generation() != generation) {
            connect();
            return;
        }
        group.schedule(
                () -> waitThenConnect(deadline, generation),
                Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, LOCATOR_POLL_MILLIS),
                TimeUnit.MILLISECONDS);
    }

    private boolean stopped() {
        return closed || refusal.isDone() || group.isShuttingDown();
    }

    /** The Hello for the next connection: the launch token until a Welcome gave a session key. */
    Hello hello() {
        Hello launch = settings.hello();
        String key = sessionKey;
        return key == null
                ? launch
                : new Hello(launch.protocolVersion(), launch.agentVersion(), launch.agentName(), key, launch.slots());
    }

    void welcomed(ChannelSession session, String newSessionKey) {
        if (!newSessionKey.isEmpty()) {
            sessionKey = newSessionKey;
        }
        backoff.reset();
        synchronized (sessionChanged) {
            current = session;
            sessionChanged.notifyAll();
        }
        listener.connected(session);
    }

    void lost(ChannelSession session) {
        synchronized (sessionChanged) {
            sessionChanged.notifyAll();
        }
        listener.disconnected(session);
    }

    void refusedPermanently(String reason) {
        refusal.complete(reason);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (sessionChanged) {
            sessionChanged.notifyAll();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
