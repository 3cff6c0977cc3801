package org.pkgforge.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pkgforge.agent.connection.ControllerAddress;
import org.pkgforge.protocol.codec.MessageCodec;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Message;

/**
 * Plays the controller on 127.0.0.1:0 with the real codec. Tests script it message by message;
 * heartbeats are kept apart so scripts read only what they care about.
 */
public final class FakeController implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    public FakeController() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Connection connection = new Connection(channel);
                        MessageCodec.addTo(channel.pipeline());
                        channel.pipeline().addLast(connection.handler());
                        accepted.add(connection);
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    public ControllerAddress address() {
        return new ControllerAddress("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
    }

    public Connection accept() throws InterruptedException {
        Connection connection = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(connection).as("an agent connection within %s", TIMEOUT).isNotNull();
        return connection;
    }

    /** Nothing connects within {@code wait}. */
    public boolean noConnectionWithin(Duration wait) throws InterruptedException {
        return accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One agent connection as the controller sees it. */
    public static final class Connection {
        private final Channel channel;
        private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        private final BlockingQueue<Heartbeat> heartbeats = new LinkedBlockingQueue<>();

        Connection(Channel channel) {
            this.channel = channel;
        }

        SimpleChannelInboundHandler<Message> handler() {
            return new SimpleChannelInboundHandler<>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Message message) {
                    if (message instanceof Heartbeat heartbeat) {
                        heartbeats.add(heartbeat);
                    } else {
                        inbox.add(message);
                    }
                }
            };
        }

        /** The next message that is not a heartbeat. */
        public Message next() throws InterruptedException {
            Message message = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message)
                    .as("a message from the agent within %s", TIMEOUT)
                    .isNotNull();
            return message;
        }

        public <T extends Message> T next(Class<T> type) throws InterruptedException {
            Message message = next();
            assertThat(message).isInstanceOf(type);
            return type.cast(message);
        }

        /** Messages (not heartbeats) that arrive within {@code wait}. */
        public List<Message> drain(Duration wait) throws InterruptedException {
            List<Message> messages = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                Message message = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (message != null) {
                    messages.add(message);
                }
            }
            return messages;
        }

        public Heartbeat nextHeartbeat() throws InterruptedException {
            Heartbeat heartbeat = heartbeats.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(heartbeat).as("a heartbeat within %s", TIMEOUT).isNotNull();
            return heartbeat;
        }

        public void send(Message message) {
            channel.writeAndFlush(message).syncUninterruptibly();
        }

        /** Writes raw bytes past the codec, for malformed input. */
        public void sendRaw(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
        }

        public void close() {
            channel.close().syncUninterruptibly();
        }

        public boolean awaitClosed(Duration wait) {
            return channel.closeFuture().awaitUninterruptibly(wait.toMillis());
        }

        public boolean isOpen() {
            return channel.isActive();
        }
    }
}
