package org.pkgforge.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.pkgforge.protocol.codec.ProtocolException.Kind;
import org.pkgforge.protocol.message.Chunk;
import org.pkgforge.protocol.message.Message;

/**
 * Message ↔ frame. A frame is {@code u32 frameLen, u16 typeId, u32 jsonLen, JSON, tail}, big-endian;
 * frameLen counts everything after itself. The JSON holds the record's components by name; a
 * chunk's {@code data} is not in it but is the raw tail, so log and product bytes are never
 * base64-inflated.
 */
public final class MessageCodec {
    /** Largest {@code data} of one chunk message. */
    public static final int MAX_CHUNK = 256 * 1024;
    /** Largest frameLen: room for a full chunk plus generous JSON. */
    public static final int MAX_FRAME = 1024 * 1024 + 64 * 1024;

    public static final String FRAME_DECODER = "pkgforge-frame-decoder";
    public static final String MESSAGE_DECODER = "pkgforge-message-decoder";
    public static final String MESSAGE_ENCODER = "pkgforge-message-encoder";

    private static final int LENGTH_FIELD = 4;
    private static final int HEADER = 2 + 4;
    private static final String DATA = "data";

    // Strict on purpose: input is untrusted, and a field one side does not know is a contract
    // mismatch that should fail loudly rather than be dropped.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final Map<MessageType, RecordComponent[]> COMPONENTS = componentsByType();

    private MessageCodec() {}

    /** The whole frame, length prefix included. Refuses a message the peer would reject as oversize. */
    public static ByteBuf encode(ByteBufAllocator alloc, Message message) {
        MessageType type = MessageType.of(message.getClass());
        byte[] json = jsonOf(type, message);
        byte[] tail = message instanceof Chunk chunk ? chunk.data() : new byte[0];
        if (tail.length > MAX_CHUNK) {
            throw new IllegalArgumentException(
                    type + " carries " + tail.length + " bytes, more than MAX_CHUNK " + MAX_CHUNK);
        }
        long frameLen = (long) HEADER + json.length + tail.length;
        if (frameLen > MAX_FRAME) {
            throw new IllegalArgumentException(type + " frame of " + frameLen + " bytes exceeds " + MAX_FRAME);
        }
        ByteBuf out = alloc.buffer(LENGTH_FIELD + (int) frameLen);
        out.writeInt((int) frameLen);
        out.writeShort(type.id());
        out.writeInt(json.length);
        out.writeBytes(json);
        out.writeBytes(tail);
        return out;
    }

    /** Decodes one frame whose length prefix the frame decoder already removed. Reads it fully. */
    public static Message decode(ByteBuf frame) throws ProtocolException {
        int frameLen = frame.readableBytes();
        if (frameLen > MAX_FRAME) {
            throw new ProtocolException(Kind.OVERSIZE, "frame of " + frameLen + " bytes exceeds " + MAX_FRAME);
        }
        if (frameLen < HEADER) {
            throw new ProtocolException(
                    Kind.TRUNCATED, "frame of " + frameLen + " bytes is shorter than its " + HEADER + "-byte header");
        }
        int typeId = frame.readUnsignedShort();
        long jsonLen = frame.readUnsignedInt();
        MessageType type = MessageType.byId(typeId)
                .orElseThrow(() -> new ProtocolException(Kind.UNKNOWN_TYPE, "unknown message type id " + typeId));
        if (jsonLen > frame.readableBytes()) {
            throw new ProtocolException(
                    Kind.TRUNCATED,
                    type + ": JSON length " + jsonLen + " exceeds the " + frame.readableBytes() + " bytes left");
        }
        byte[] json = new byte[(int) jsonLen];
        frame.readBytes(json);
        byte[] tail = new byte[frame.readableBytes()];
        frame.readBytes(tail);
        if (!type.hasTail() && tail.length > 0) {
            throw new ProtocolException(Kind.UNEXPECTED_TAIL, type + " has a " + tail.length + "-byte tail");
        }
        if (tail.length > MAX_CHUNK) {
            throw new ProtocolException(
                    Kind.OVERSIZE, type + " carries " + tail.length + " bytes, more than " + MAX_CHUNK);
        }
        return fromJson(type, json, tail);
    }

    /** Adds framing, the decoder and the encoder. Call once per channel: the decoder is stateful. */
    public static void addTo(ChannelPipeline pipeline) {
        // The length field is stripped; the limit counts it, hence MAX_FRAME + LENGTH_FIELD.
        pipeline.addLast(
                FRAME_DECODER,
                new LengthFieldBasedFrameDecoder(
                        MAX_FRAME + LENGTH_FIELD, 0, LENGTH_FIELD, 0, LENGTH_FIELD, /* failFast */ true));
        pipeline.addLast(MESSAGE_DECODER, new MessageDecoder());
        pipeline.addLast(MESSAGE_ENCODER, new MessageEncoder());
    }

    private static byte[] jsonOf(MessageType type, Message message) {
        ObjectNode node = JSON.createObjectNode();
        for (RecordComponent component : COMPONENTS.get(type)) {
            node.set(component.getName(), JSON.valueToTree(valueOf(component, message)));
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " as JSON", e);
        }
    }

    private static Object valueOf(RecordComponent component, Message message) {
        try {
            return component.getAccessor().invoke(message);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static Message fromJson(MessageType type, byte[] json, byte[] tail) throws ProtocolException {
        try {
            JsonNode tree = JSON.readTree(json);
            if (!(tree instanceof ObjectNode object)) {
                throw new ProtocolException(Kind.BAD_JSON, type + ": JSON is not an object");
            }
            if (type.hasTail()) {
                if (object.has(DATA)) {
                    throw new ProtocolException(
                            Kind.UNKNOWN_FIELD, type + ": \"data\" belongs in the tail, not in the JSON");
                }
                object.set(DATA, BinaryNode.valueOf(tail));
            }
            return JSON.treeToValue(object, type.type());
        } catch (UnrecognizedPropertyException e) {
            throw new ProtocolException(
                    Kind.UNKNOWN_FIELD, type + ": unknown field \"" + e.getPropertyName() + "\"", e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Kind.BAD_JSON, type + ": " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProtocolException(Kind.BAD_JSON, type + ": " + e.getMessage(), e);
        }
    }

    /** The JSON fields of each type: every record component except a chunk's tail. */
    private static Map<MessageType, RecordComponent[]> componentsByType() {
        Map<MessageType, RecordComponent[]> map = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            RecordComponent[] all = type.type().getRecordComponents();
            map.put(
                    type,
                    Arrays.stream(all)
                            .filter(c -> !(type.hasTail() && c.getName().equals(DATA)))
                            .toArray(RecordComponent[]::new));
        }
        return map;
    }
}
