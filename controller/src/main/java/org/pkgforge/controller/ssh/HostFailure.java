package org.pkgforge.controller.ssh;

import java.io.IOException;

/**
 * Why a build host cannot be used right now, in words an admin can act on. {@code offeredHostKey}
 * is set when the host presented a key other than the pinned one.
 */
public final class HostFailure extends IOException {
    /** What kind of trouble; the supervisor retries all of them, with backoff. */
    public enum Kind {
        UNREACHABLE,
        HOST_KEY_CHANGED,
        AUTH_FAILED,
        NO_JAVA,
        LAUNCH_FAILED
    }

    private final Kind kind;
    private final String offeredHostKey;

    public HostFailure(Kind kind, String message, String offeredHostKey, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.offeredHostKey = offeredHostKey;
    }

    public HostFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public String offeredHostKey() {
        return offeredHostKey;
    }
}
