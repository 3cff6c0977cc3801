package org.pkgforge.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.pkgforge.protocol.codec.ProtocolException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame → {@link org.pkgforge.protocol.message.Message}. A frame that breaks the contract closes
 * the channel: after one bad frame nothing later on the stream can be trusted to be aligned.
 */
final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDecoder.class);

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            frame.skipBytes(frame.readableBytes());
            return;
        }
        try {
            out.add(MessageCodec.decode(frame));
        } catch (ProtocolException e) {
            fail(ctx, e.kind(), e.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The frame decoder reports oversize and corrupt length fields as exceptions.
        if (cause instanceof TooLongFrameException) {
            fail(ctx, Kind.OVERSIZE, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            fail(ctx, Kind.TRUNCATED, String.valueOf(cause.getMessage()));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void fail(ChannelHandlerContext ctx, Kind kind, String reason) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.warn("Closing connection {}: protocol error {}: {}", ctx.channel().remoteAddress(), kind, reason);
        ctx.fireUserEventTriggered(new DecodeFailure(kind, reason));
        ctx.close();
    }
}
