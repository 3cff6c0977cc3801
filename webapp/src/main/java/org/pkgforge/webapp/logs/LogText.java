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
        return CONTROLS.matcher(text).replaceAll("");
    }
}
