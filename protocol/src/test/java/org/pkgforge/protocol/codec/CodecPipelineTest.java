package org.pkgforge.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkgforge.protocol.codec.ProtocolException.Kind;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;

/** The codec as installed by {@link MessageCodec#addTo}, driven through an {@link EmbeddedChannel}. */
class CodecPipelineTest {
    private final List<DecodeFailure> failures = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        MessageCodec.addTo(channel.pipeline());
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof DecodeFailure failure) {
                    failures.add(failure);
                }
            }
        });
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void everyTypeRoundTripsThroughThePipeline() {
        for (MessageType type : MessageType.values()) {
            assertThat(channel.writeOutbound(Samples.of(type))).isTrue();
            ByteBuf frame = channel.readOutbound();
            assertThat(channel.writeInbound(frame)).isTrue();
            Message decoded = channel.readInbound();
            assertThat(decoded).usingRecursiveComparison().isEqualTo(Samples.of(type));
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void framesSplitByteByByteAreReassembled() {
        ByteBuf stream = Unpooled.buffer();
        for (MessageType type : MessageType.values()) {
            channel.writeOutbound(Samples.of(type));
            ByteBuf frame = channel.readOutbound();
            stream.writeBytes(frame);
            frame.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(stream);
        stream.release();
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        for (MessageType type : MessageType.values()) {
            Message decoded = channel.readInbound();
            assertThat(decoded).usingRecursiveComparison().isEqualTo(Samples.of(type));
        }
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void unknownTypeIdClosesTheChannel() {
        assertClosedBy(withLength(MessageCodecTest.frame(200, "{}", new byte[0])), Kind.UNKNOWN_TYPE);
    }

    @Test
    void unknownJsonPropertyClosesTheChannel() {
        assertClosedBy(
                withLength(MessageCodecTest.frame(7, "{\"taskId\":1,\"attempt\":1,\"x\":0}", new byte[0])),
                Kind.UNKNOWN_FIELD);
    }

    @Test
    void tailOnNonChunkClosesTheChannel() {
        assertClosedBy(
                withLength(MessageCodecTest.frame(7, "{\"taskId\":1,\"attempt\":1}", new byte[] {9, 9})),
                Kind.UNEXPECTED_TAIL);
    }

    @Test
    void malformedJsonClosesTheChannel() {
        assertClosedBy(withLength(MessageCodecTest.frame(7, "{not json", new byte[0])), Kind.BAD_JSON);
    }

    @Test
    void oversizeLengthPrefixClosesTheChannelBeforeTheBodyArrives() {
        ByteBuf header = Unpooled.buffer().writeInt(MessageCodec.MAX_FRAME + 1).writeShort(8);
        assertClosedBy(header, Kind.OVERSIZE);
    }

    @Test
    void largestAllowedFrameIsAccepted() {
        int json = "{\"taskId\":1,\"attempt\":1,\"offset\":0}".length();
        LogChunk full = new LogChunk(1, 1, 0, new byte[MessageCodec.MAX_CHUNK]);
        channel.writeOutbound(full);
        ByteBuf frame = channel.readOutbound();
        assertThat(frame.getInt(0)).isEqualTo(6 + json + MessageCodec.MAX_CHUNK);
        channel.writeInbound(frame);
        LogChunk decoded = channel.readInbound();
        assertThat(decoded.data()).hasSize(MessageCodec.MAX_CHUNK);
    }

    @Test
    void framesAfterABadOneAreDropped() {
        ByteBuf bad = withLength(MessageCodecTest.frame(7, "{", new byte[0]));
        channel.writeOutbound(new BuildStarted(1, 1));
        ByteBuf good = channel.readOutbound();
        channel.writeInbound(Unpooled.wrappedBuffer(bad, good));
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(failures).extracting(DecodeFailure::kind).containsExactly(Kind.BAD_JSON);
    }

    private void assertClosedBy(ByteBuf bytes, Kind kind) {
        channel.writeInbound(bytes);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).kind()).isEqualTo(kind);
        assertThat(failures.get(0).reason()).isNotBlank();
    }

    private static ByteBuf withLength(ByteBuf frame) {
        return Unpooled.wrappedBuffer(Unpooled.buffer(4).writeInt(frame.readableBytes()), frame);
    }
}
