package org.pkgforge.protocol.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pkgforge.protocol.codec.ProtocolException.Kind;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;

class MessageCodecTest {

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyTypeRoundTrips(MessageType type) throws Exception {
        Message sample = Samples.of(type);
        ByteBuf frame = MessageCodec.encode(ByteBufAllocator.DEFAULT, sample);
        try {
            assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
            Message decoded = MessageCodec.decode(frame);
            assertThat(decoded).isInstanceOf(type.type());
            assertThat(decoded).usingRecursiveComparison().isEqualTo(sample);
            assertThat(frame.readableBytes()).isZero();
        } finally {
            frame.release();
        }
    }

    @Test
    void everyMessageRecordHasATypeId() {
        for (Class<?> permitted : Message.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends Message> type = (Class<? extends Message>) permitted;
            assertThat(MessageType.of(type).type()).isEqualTo(type);
        }
        assertThat(MessageType.values()).hasSameSizeAs(Message.class.getPermittedSubclasses());
        assertThat(MessageType.byId(0)).isEmpty();
        assertThat(MessageType.byId(14)).isEmpty();
        assertThat(MessageType.byId(8)).contains(MessageType.LOG_CHUNK);
    }

    @Test
    void chunkDataIsTheRawTailNotJson() {
        byte[] data = "raw bytes".getBytes(UTF_8);
        ByteBuf frame = MessageCodec.encode(ByteBufAllocator.DEFAULT, new LogChunk(1, 1, 0, data));
        try {
            byte[] all = new byte[frame.readableBytes()];
            frame.getBytes(0, all);
            byte[] tail = Arrays.copyOfRange(all, all.length - data.length, all.length);
            assertThat(tail).isEqualTo(data);
            int jsonLen = frame.getInt(6);
            String json = frame.toString(10, jsonLen, UTF_8);
            assertThat(json).isEqualTo("{\"taskId\":1,\"attempt\":1,\"offset\":0}");
        } finally {
            frame.release();
        }
    }

    @Test
    void emptyChunkIsAllowed() throws Exception {
        ByteBuf frame =
                withoutLength(MessageCodec.encode(ByteBufAllocator.DEFAULT, new LogChunk(1, 1, 5, new byte[0])));
        assertThat(((LogChunk) MessageCodec.decode(frame)).data()).isEmpty();
    }

    @Test
    void encodeRefusesAChunkLargerThanMaxChunk() {
        LogChunk big = new LogChunk(1, 1, 0, new byte[MessageCodec.MAX_CHUNK + 1]);
        assertThatThrownBy(() -> MessageCodec.encode(ByteBufAllocator.DEFAULT, big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_CHUNK");
    }

    @Test
    void unknownTypeId() {
        assertFails(frame(99, "{}", new byte[0]), Kind.UNKNOWN_TYPE, "unknown message type id 99");
    }

    @Test
    void unknownJsonField() {
        assertFails(
                frame(9, "{\"taskId\":1,\"attempt\":1,\"offset\":3,\"extra\":true}", new byte[0]),
                Kind.UNKNOWN_FIELD,
                "\"extra\"");
    }

    @Test
    void dataInsideChunkJsonIsAnUnknownField() {
        assertFails(
                frame(8, "{\"taskId\":1,\"attempt\":1,\"offset\":0,\"data\":\"AAE=\"}", new byte[0]),
                Kind.UNKNOWN_FIELD,
                "tail");
    }

    @Test
    void tailOnANonChunkMessage() {
        assertFails(frame(7, "{\"taskId\":1,\"attempt\":1}", new byte[] {1}), Kind.UNEXPECTED_TAIL, "1-byte tail");
    }

    @Test
    void oversizeTail() {
        assertFails(
                frame(8, "{\"taskId\":1,\"attempt\":1,\"offset\":0}", new byte[MessageCodec.MAX_CHUNK + 1]),
                Kind.OVERSIZE,
                "more than");
    }

    @Test
    void malformedJson() {
        assertFails(frame(7, "{\"taskId\":1,", new byte[0]), Kind.BAD_JSON, "BUILD_STARTED");
    }

    @Test
    void jsonThatIsNotAnObject() {
        assertFails(frame(7, "[1,1]", new byte[0]), Kind.BAD_JSON, "not an object");
    }

    @Test
    void missingFieldIsBadJson() {
        assertFails(frame(7, "{\"taskId\":1}", new byte[0]), Kind.BAD_JSON, "attempt");
    }

    @Test
    void nullListIsBadJson() {
        assertFails(frame(4, "{\"sentAtMillis\":1,\"running\":null}", new byte[0]), Kind.BAD_JSON, "HEARTBEAT");
    }

    @Test
    void unknownEnumValueIsBadJson() {
        String json =
                "{\"taskId\":1,\"attempt\":1,\"outcome\":\"MAYBE\",\"reason\":null,\"products\":[],\"logSize\":0}";
        assertFails(frame(11, json, new byte[0]), Kind.BAD_JSON, "MAYBE");
    }

    @Test
    void jsonLengthBeyondTheFrame() {
        ByteBuf frame = Unpooled.buffer().writeShort(7).writeInt(1000).writeBytes("{}".getBytes(UTF_8));
        assertFails(frame, Kind.TRUNCATED, "JSON length 1000");
    }

    @Test
    void frameShorterThanHeader() {
        assertFails(Unpooled.wrappedBuffer(new byte[] {0, 7, 0}), Kind.TRUNCATED, "shorter than");
    }

    /** A frame without its length prefix, as the frame decoder hands it on. */
    static ByteBuf frame(int typeId, String json, byte[] tail) {
        byte[] bytes = json.getBytes(UTF_8);
        return Unpooled.buffer()
                .writeShort(typeId)
                .writeInt(bytes.length)
                .writeBytes(bytes)
                .writeBytes(tail);
    }

    private static ByteBuf withoutLength(ByteBuf frame) {
        frame.skipBytes(4);
        return frame;
    }

    private static void assertFails(ByteBuf frame, Kind kind, String messagePart) {
        assertThatThrownBy(() -> MessageCodec.decode(frame))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(messagePart);
    }
}
