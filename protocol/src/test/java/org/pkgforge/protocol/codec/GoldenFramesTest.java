package org.pkgforge.protocol.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pkgforge.protocol.message.Message;

/**
 * Pins the wire format: one hex file per type under {@code src/test/resources/golden/}. A failure
 * here means the bytes on the wire changed; that needs a {@code ProtocolVersion} bump and a note in
 * docs/protocol.md. Regenerate deliberately with {@code -Dgolden.update=true}.
 */
class GoldenFramesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Path SOURCE_DIR = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void encodingMatchesTheGoldenFrame(MessageType type) throws IOException {
        byte[] encoded = encode(Samples.of(type));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(fileName(type)), render(type, encoded), UTF_8);
        }
        assertThat(HEX.formatHex(encoded)).isEqualTo(HEX.formatHex(golden(type)));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void goldenFrameDecodesToTheSample(MessageType type) throws Exception {
        ByteBuf frame = Unpooled.wrappedBuffer(golden(type));
        assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
        assertThat(MessageCodec.decode(frame)).usingRecursiveComparison().isEqualTo(Samples.of(type));
    }

    private static byte[] encode(Message message) {
        ByteBuf frame = MessageCodec.encode(ByteBufAllocator.DEFAULT, message);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static String fileName(MessageType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".hex";
    }

    /** Reads a golden file: hex digits; whitespace and '#' comment lines are ignored. */
    private static byte[] golden(MessageType type) throws IOException {
        try (InputStream in = GoldenFramesTest.class.getResourceAsStream("/golden/" + fileName(type))) {
            assertThat(in).as("golden frame for %s", type).isNotNull();
            String hex = new String(in.readAllBytes(), UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .collect(Collectors.joining())
                    .replaceAll("\\s", "");
            return HEX.parseHex(hex);
        }
    }

    /** One field per line so a review diff shows which part of the frame moved. */
    private static String render(MessageType type, byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        int frameLen = buf.readInt();
        int typeId = buf.readUnsignedShort();
        int jsonLen = buf.readInt();
        byte[] json = new byte[jsonLen];
        buf.readBytes(json);
        byte[] tail = ByteBufUtil.getBytes(buf);
        StringBuilder out = new StringBuilder()
                .append("# ")
                .append(type)
                .append(": u32 frameLen, u16 typeId, u32 jsonLen, JSON, tail\n")
                .append(String.format("%08x %04x %08x%n", frameLen, typeId, jsonLen))
                .append("# ")
                .append(new String(json, UTF_8))
                .append('\n');
        appendLines(out, json);
        if (tail.length > 0) {
            out.append("# tail, ").append(tail.length).append(" bytes\n");
            appendLines(out, tail);
        }
        return out.toString();
    }

    private static void appendLines(StringBuilder out, byte[] bytes) {
        for (int i = 0; i < bytes.length; i += 32) {
            out.append(HEX.formatHex(bytes, i, Math.min(bytes.length, i + 32))).append('\n');
        }
    }
}
