package org.pkgforge.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.MessageSizeEstimator;
import org.pkgforge.protocol.message.Chunk;

/**
 * Sizes outbound messages for Netty's write buffer water marks. Netty's default estimator counts
 * only ByteBufs; a message written from another thread waits in the event loop's queue as an object
 * it counts as 8 bytes, so a sender that waits for {@code isWritable()} would never wait, and could
 * queue a whole product's chunks on the heap before the encoder caught up (seen as an agent
 * OutOfMemoryError with its 96 MB heap while sending a 200 MB product). Chunks count their data.
 */
public final class MessageSizes implements MessageSizeEstimator {
    public static final MessageSizes INSTANCE = new MessageSizes();
    private static final int OVERHEAD = 256;

    private final Handle handle = message -> {
        if (message instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (message instanceof Chunk chunk) {
            return chunk.data().length + OVERHEAD;
        }
        return OVERHEAD;
    };

    private MessageSizes() {}

    @Override
    public Handle newHandle() {
        return handle;
    }
}
