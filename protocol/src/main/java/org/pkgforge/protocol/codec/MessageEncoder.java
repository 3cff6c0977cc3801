package org.pkgforge.protocol.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.pkgforge.protocol.message.Message;

/** {@link Message} → frame with its length prefix. */
@Sharable
final class MessageEncoder extends MessageToMessageEncoder<Message> {
    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        out.add(MessageCodec.encode(ctx.alloc(), message));
    }
}
