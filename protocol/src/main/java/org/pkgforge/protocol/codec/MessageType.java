package org.pkgforge.protocol.codec;

import java.util.Arrays;
import java.util.Optional;
import org.pkgforge.protocol.message.Abort;
import org.pkgforge.protocol.message.BuildStarted;
import org.pkgforge.protocol.message.Chunk;
import org.pkgforge.protocol.message.Heartbeat;
import org.pkgforge.protocol.message.Hello;
import org.pkgforge.protocol.message.LogAck;
import org.pkgforge.protocol.message.LogChunk;
import org.pkgforge.protocol.message.Message;
import org.pkgforge.protocol.message.ProductChunk;
import org.pkgforge.protocol.message.Refused;
import org.pkgforge.protocol.message.ResultAck;
import org.pkgforge.protocol.message.SourceChunk;
import org.pkgforge.protocol.message.TaskAssign;
import org.pkgforge.protocol.message.TaskResult;
import org.pkgforge.protocol.message.Welcome;

/** The type id of every message, as in the table of {@code docs/protocol.md}. Ids never change. */
public enum MessageType {
    HELLO(1, Hello.class),
    WELCOME(2, Welcome.class),
    REFUSED(3, Refused.class),
    HEARTBEAT(4, Heartbeat.class),
    TASK_ASSIGN(5, TaskAssign.class),
    SOURCE_CHUNK(6, SourceChunk.class),
    BUILD_STARTED(7, BuildStarted.class),
    LOG_CHUNK(8, LogChunk.class),
    LOG_ACK(9, LogAck.class),
    PRODUCT_CHUNK(10, ProductChunk.class),
    TASK_RESULT(11, TaskResult.class),
    RESULT_ACK(12, ResultAck.class),
    ABORT(13, Abort.class);

    private static final MessageType[] BY_ID = indexById();

    private final int id;
    private final Class<? extends Message> type;

    MessageType(int id, Class<? extends Message> type) {
        this.id = id;
        this.type = type;
    }

    public int id() {
        return id;
    }

    public Class<? extends Message> type() {
        return type;
    }

    /** Chunks carry their {@code data} as the frame's raw tail; every other type has none. */
    public boolean hasTail() {
        return Chunk.class.isAssignableFrom(type);
    }

    public static MessageType of(Class<? extends Message> type) {
        for (MessageType t : values()) {
            if (t.type == type) {
                return t;
            }
        }
        throw new IllegalArgumentException("no type id for " + type.getName());
    }

    public static Optional<MessageType> byId(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[id]) : Optional.empty();
    }

    private static MessageType[] indexById() {
        int max = Arrays.stream(values()).mapToInt(MessageType::id).max().orElse(0);
        MessageType[] index = new MessageType[max + 1];
        for (MessageType t : values()) {
            index[t.id] = t;
        }
        return index;
    }
}
