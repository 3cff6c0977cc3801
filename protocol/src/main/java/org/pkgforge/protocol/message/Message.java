package org.pkgforge.protocol.message;

/**
 * Everything that crosses the controller–agent connection. Records only: the codec maps each to a
 * type id and JSON fields (plus a raw byte tail for chunks); nothing is Java-serialized.
 */
public sealed interface Message
        permits Hello,
                Welcome,
                Refused,
                Heartbeat,
                TaskAssign,
                SourceChunk,
                BuildStarted,
                LogChunk,
                LogAck,
                ProductChunk,
                TaskResult,
                ResultAck,
                Abort {}
