package org.pkgforge.controller.agents;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.Optional;
import org.pkgforge.protocol.ProtocolVersion;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.Welcome;
import org.pkgforge.sql.row.ClaimedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent connection: the handshake (version and token) and then the routing of typed
 * messages to the attempt receiver, on the session's own thread. Anything an agent may not send
 * closes the connection.
 */
final class AgentHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(AgentHandler.class);

    private final AgentServer server;
    private AgentSession session;
    private boolean resumed;

    AgentHandler(AgentServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
        if (session == null) {
            handshake(ctx, message);
            return;
        }
        AgentSession s = session;
        if (message instanceof Heartbeat h) {
            s.execute(() -> heartbeat(s, h));
        } else if (message instanceof BuildStarted m) {
            s.execute(() -> server.receiver().started(s, m));
        } else if (message instanceof LogChunk m) {
            s.executeBulk(
                    m.data().length, () -> guarded(s, () -> server.receiver().log(s, m)));
        } else if (message instanceof ProductChunk m) {
            s.executeBulk(
                    m.data().length, () -> guarded(s, () -> server.receiver().product(s, m)));
        } else if (message instanceof TaskResult m) {
            s.execute(() -> guarded(s, () -> {
                if (server.receiver().result(s, m)) {
                    server.slotFreed();
                }
            }));
        } else {
            log.warn(
                    "agent {} sent {}, which agents may not send; closing",
                    s.name(),
                    message.getClass().getSimpleName());
            ctx.close();
        }
    }

    private void handshake(ChannelHandlerContext ctx, Message message) {
        if (!(message instanceof Hello hello)) {
            ctx.writeAndFlush(new Refused("expected Hello first", true)).addListener(f -> ctx.close());
            return;
        }
        if (hello.protocolVersion() != ProtocolVersion.CURRENT) {
            ctx.writeAndFlush(new Refused(
                            "protocol version mismatch: agent speaks " + hello.protocolVersion() + ", controller "
                                    + ProtocolVersion.CURRENT + " (agent " + hello.agentVersion() + ", controller "
                                    + AgentServer.VERSION + ")",
                            true))
                    .addListener(f -> ctx.close());
            server.refused(hello.agentName(), "protocol version " + hello.protocolVersion());
            return;
        }
        Optional<String> sessionKey = server.authenticate(hello.agentName(), hello.token());
        if (sessionKey.isEmpty()) {
            log.warn(
                    "agent connection from {} claiming to be {} refused: bad or spent secret",
                    ctx.channel().remoteAddress(),
                    hello.agentName());
            ctx.writeAndFlush(new Refused("authentication failed", true)).addListener(f -> ctx.close());
            server.refused(hello.agentName(), "authentication failed");
            return;
        }
        session = new AgentSession(hello.agentName(), hello.agentVersion(), Math.max(1, hello.slots()), ctx.channel());
        ctx.writeAndFlush(new Welcome(
                ProtocolVersion.CURRENT, AgentServer.VERSION, server.heartbeat().toMillis(), sessionKey.get()));
        AgentSession s = session;
        s.execute(() -> server.online(s));
    }

    private void heartbeat(AgentSession s, Heartbeat h) {
        List<ClaimedTask> running = h.running().stream()
                .map(r -> new ClaimedTask(r.taskId(), r.attempt()))
                .toList();
        for (ClaimedTask stale : server.renew(s, running)) {
            s.running().remove(stale);
            s.send(new Abort(stale.taskId(), stale.attempt(), "attempt " + stale.attempt() + " is no longer current"));
        }
        if (!resumed) {
            // The agent's first heartbeat on a connection lists what it still runs: resume each log exactly.
            resumed = true;
            for (ClaimedTask attempt : running) {
                if (s.running().contains(attempt)) {
                    guarded(s, () -> server.receiver().resumeLog(s, attempt));
                }
            }
        }
        s.send(new Heartbeat(System.currentTimeMillis(), List.of()));
    }

    private interface IoWork {
        void run() throws Exception;
    }

    private static void guarded(AgentSession s, IoWork work) {
        try {
            work.run();
        } catch (Exception e) {
            log.error("agent {}: handling a message failed: {}", s.name(), e.getMessage(), e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.warn("agent {} silent for 3 heartbeats; closing", session == null ? "?" : session.name());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            AgentSession s = session;
            s.execute(() -> server.offline(s, "connection closed"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("agent connection {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
        ctx.close();
    }
}
