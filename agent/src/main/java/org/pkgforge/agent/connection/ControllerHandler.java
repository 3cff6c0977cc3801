package org.pkgforge.agent.connection;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's life: Hello, wait for Welcome or Refused, then heartbeats and routing. Silence
 * for three heartbeat periods means the controller (or the path to it) is gone: close and let the
 * connection reconnect.
 */
final class ControllerHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerHandler.class);
    private static final long MIN_HEARTBEAT_MILLIS = 50;
    private static final int MISSED_HEARTBEATS = 3;

    private final ControllerConnection connection;
    private final ControllerListener listener;
    private final Supplier<Hello> hello;
    private final Duration handshakeTimeout;

    private ChannelSession session;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> heartbeats;

    ControllerHandler(
            ControllerConnection connection,
            ControllerListener listener,
            Supplier<Hello> hello,
            Duration handshakeTimeout) {
        this.connection = connection;
        this.listener = listener;
        this.hello = hello;
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        LOG.info("Connected to controller {}", ctx.channel().remoteAddress());
        ctx.writeAndFlush(hello.get()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        handshakeTimer = ctx.executor()
                .schedule(
                        () -> {
                            LOG.warn("No Welcome from the controller within {}; closing", handshakeTimeout);
                            ctx.close();
                        },
                        handshakeTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
        if (message instanceof Refused refused) {
            refused(ctx, refused);
        } else if (session == null) {
            handshake(ctx, message);
        } else if (message instanceof Welcome) {
            LOG.warn("Ignoring a second Welcome from the controller");
        } else {
            listener.received(session, message);
        }
    }

    private void handshake(ChannelHandlerContext ctx, Message message) {
        if (!(message instanceof Welcome welcome)) {
            LOG.warn(
                    "Expected Welcome from the controller, got {}; closing",
                    message.getClass().getSimpleName());
            ctx.close();
            return;
        }
        handshakeTimer.cancel(false);
        if (welcome.protocolVersion() != ProtocolVersion.CURRENT) {
            connection.refusedPermanently("controller speaks protocol version " + welcome.protocolVersion()
                    + ", this agent speaks " + ProtocolVersion.CURRENT);
            ctx.close();
            return;
        }
        long period = Math.max(MIN_HEARTBEAT_MILLIS, welcome.heartbeatMillis());
        LOG.info(
                "Controller {} (version {}) welcomed us; heartbeat every {} ms",
                ctx.channel().remoteAddress(),
                welcome.controllerVersion(),
                period);
        session = new ChannelSession(ctx.channel(), period);
        ctx.pipeline()
                .addBefore(
                        ctx.name(),
                        "idle",
                        new IdleStateHandler(MISSED_HEARTBEATS * period, 0, 0, TimeUnit.MILLISECONDS));
        connection.welcomed(session, welcome.sessionKey() == null ? "" : welcome.sessionKey());
        // The first heartbeat goes out at once: it tells the controller which attempts survived
        // the outage, and the controller answers each with a LogAck saying where to resume.
        heartbeats = ctx.executor().scheduleAtFixedRate(() -> heartbeat(ctx), 0, period, TimeUnit.MILLISECONDS);
    }

    private void heartbeat(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Heartbeat(System.currentTimeMillis(), listener.running()))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private void refused(ChannelHandlerContext ctx, Refused refused) {
        if (refused.permanent()) {
            LOG.error("Controller refused this agent permanently: {}", refused.reason());
            connection.refusedPermanently(refused.reason());
        } else {
            LOG.warn("Controller refused this agent for now: {}; will retry", refused.reason());
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            LOG.warn(
                    "No frame from the controller for {} heartbeat periods ({} ms); reconnecting",
                    MISSED_HEARTBEATS,
                    MISSED_HEARTBEATS * session.heartbeatMillis());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.wake();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        LOG.info("Disconnected from controller {}", ctx.channel().remoteAddress());
        if (session != null) {
            session.wake();
            connection.lost(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Connection to controller {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
