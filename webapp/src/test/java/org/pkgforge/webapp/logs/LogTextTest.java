package org.pkgforge.webapp.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void plainTextWithNewlinesAndTabsIsLeftAsItIs() {
        String text = "gcc -O2 -c hello.c\n\tok: 100% ünïcödé\n";
        assertThat(LogText.clean(text)).isSameAs(text);
    }

    @Test
    void ansiSequencesAreRemovedWhole() {
        assertThat(LogText.clean("\u001b[1;31merror:\u001b[0m bad\n")).isEqualTo("error: bad\n");
        assertThat(LogText.clean("\u001b]0;title\u0007after\n")).isEqualTo("after\n");
        assertThat(LogText.clean("\u001b]8;;http://x\u001b\\link\n")).isEqualTo("link\n");
    }

    @Test
    void otherControlCharactersAreDropped() {
        assertThat(LogText.clean("a\rb\u0000c\u0008d\u0085e\u009bf\n")).isEqualTo("abcdef\n");
    }
}
