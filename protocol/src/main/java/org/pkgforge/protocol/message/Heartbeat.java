package org.pkgforge.protocol.message;

import java.util.List;

/** Both ways. The agent lists the attempts it is running, so their leases are renewed. */
public record Heartbeat(long sentAtMillis, List<AttemptRef> running) implements Message {
    public Heartbeat {
        running = List.copyOf(running);
    }

    /** One running attempt. */
    public record AttemptRef(long taskId, int attempt) implements TaskScoped {}
}
