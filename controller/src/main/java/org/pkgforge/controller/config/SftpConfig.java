package org.pkgforge.controller.config;

import java.time.Duration;

/**
 * The submission SSH/SFTP server. Disabled unless configured: {@code port} 0 means any free
 * port. Limits are per user upload area; uploads untouched for {@code abandonAfter} are removed.
 */
public record SftpConfig(
        boolean enabled,
        String bind,
        int port,
        long quotaBytes,
        int maxFiles,
        int maxOpenHandles,
        Duration abandonAfter) {
    public static SftpConfig disabled() {
        return new SftpConfig(false, "127.0.0.1", 0, 2L << 30, 200, 16, Duration.ofHours(24));
    }

    public SftpConfig enabledOn(String bindAddress, int bindPort) {
        return new SftpConfig(true, bindAddress, bindPort, quotaBytes, maxFiles, maxOpenHandles, abandonAfter);
    }

    public SftpConfig withLimits(long quota, int files, int handles) {
        return new SftpConfig(enabled, bind, port, quota, files, handles, abandonAfter);
    }
}
