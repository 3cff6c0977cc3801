package org.pkgforge.protocol.job;

/**
 * Renders untrusted text (ids, file names, YAML values) for error messages: a hostile value must
 * not be able to forge extra log lines or flood a terminal.
 */
final class Shown {
    private static final int MAX = 64;

    private Shown() {}

    /** The value in single quotes, control characters replaced by '?', cut to 64 characters. */
    static String quote(String value) {
        return value == null ? "(none)" : "'" + plain(value, MAX) + "'";
    }

    /** The value with control characters replaced by '?', cut to {@code max} characters with '…'. */
    static String plain(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 1);
        for (int i = 0; i < value.length() && i < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (value.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    /** The start of a hex digest, enough to tell two apart in a message. */
    static String digest(String hex) {
        return plain(hex, 12);
    }
}
