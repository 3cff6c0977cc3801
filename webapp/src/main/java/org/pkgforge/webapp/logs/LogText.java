package org.pkgforge.webapp.logs;

import java.util.regex.Pattern;

/**
 * Makes build-log text inert for display: ANSI escape sequences (CSI, OSC) are removed whole, then
 * every remaining C0/C1 control character except newline and tab. HTML escaping is the viewer's job
 * (the page inserts text with {@code textContent}); this only keeps terminals' control codes out.
 */
public final class LogText {
    private static final Pattern CONTROLS = Pattern.compile(
            "\\x1b\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor moves
                    + "|\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)?" // OSC: titles, hyperlinks
                    + "|[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");

    private LogText() {}

    public static String clean(String text) {
        // Most build output has no control characters: a plain scan is several times cheaper than
        // running the pattern over every character (it mattered at 50 MB/s per viewer).
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                return CONTROLS.matcher(text).replaceAll("");
            }
        }
        return text;
    }
}
