package org.pkgforge.submit;

/** Server text made safe for a terminal (B-A4, B-C2): escape sequences and control characters removed. */
final class Terminal {
    private Terminal() {}

    static String strip(String text) {
        // CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, then C0/C1 controls.
        return text.replaceAll("\u001B\\[[0-?]*[ -/]*[@-~]", "")
                .replaceAll("\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?", "")
                .replaceAll("\u001B.?", "")
                .replaceAll("[\\x00-\\x08\\x0B-\\x1F\\x7F\\x80-\\x9F]", "");
    }
}
