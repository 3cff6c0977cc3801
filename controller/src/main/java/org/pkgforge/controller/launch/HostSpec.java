package org.pkgforge.controller.launch;

import java.util.List;
import java.util.regex.Pattern;
import org.pkgforge.sql.row.Host.SshTarget;

/**
 * A build host as an admin describes it ({@code host add}), validated: a name, where to log in,
 * the platforms it builds for and how many tasks at once.
 */
public record HostSpec(
        String name, SshTarget ssh, List<String> platforms, int slots, String workDir, String javaCommand) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");
    private static final Pattern TARGET = Pattern.compile("([^@]+)@(\\[[^\\]]+\\]|[^:]+)(?::(\\d+))?");

    public HostSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("host name '" + name + "' must be 1-64 of A-Z a-z 0-9 _ . -");
        }
        checkSlots(slots);
        checkPlatforms(platforms);
        if (workDir.isBlank() || workDir.contains("\n") || workDir.contains("\0") || workDir.contains("..")) {
            throw new IllegalArgumentException("work directory '" + workDir + "' is not usable");
        }
        if (javaCommand.isBlank() || javaCommand.contains("\n") || javaCommand.contains("\0")) {
            throw new IllegalArgumentException("java command '" + javaCommand + "' is not usable");
        }
        platforms = List.copyOf(platforms);
    }

    /** Tasks at once: 1..256, for {@code host add} and {@code host set} alike. */
    static void checkSlots(int slots) {
        if (slots < 1 || slots > 256) {
            throw new IllegalArgumentException("slots must be 1..256, got " + slots);
        }
    }

    /** At least one, each {@code NAME/ARCH}; whether the registry knows them is checked on storing. */
    static void checkPlatforms(List<String> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a host needs at least one --platform NAME/ARCH");
        }
        for (String p : platforms) {
            if (p.split("/", -1).length != 2) {
                throw new IllegalArgumentException("platform '" + p + "' must be NAME/ARCH, e.g. el9/x86_64");
            }
        }
    }

    /** The default work directory, under the build user's home. */
    public static String defaultWorkDir(String name) {
        return ".pkgforge-agent/" + name;
    }

    /** Parses {@code USER@HOST[:PORT]} ({@code USER@[v6]:PORT} too); the port defaults to 22. */
    public static SshTarget parseTarget(String text) {
        var m = TARGET.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected USER@HOST[:PORT], got '" + text + "'");
        }
        String user = m.group(1);
        String host =
                m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "' is not a valid login name");
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid host name or address");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
        return new SshTarget(user, host, port);
    }
}
