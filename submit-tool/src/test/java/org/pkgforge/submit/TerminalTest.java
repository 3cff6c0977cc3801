package org.pkgforge.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void escapeSequencesAndControlCharactersAreRemoved() {
        assertThat(Terminal.strip("\u001B[2J\u001B[31mred\u001B[0m")).isEqualTo("red");
        assertThat(Terminal.strip("\u001B]0;owned title\u0007after")).isEqualTo("after");
        assertThat(Terminal.strip("a\rb\u0000c\u009Bd")).isEqualTo("abcd");
        assertThat(Terminal.strip("tab\tand\nnewline stay")).isEqualTo("tab\tand\nnewline stay");
    }
}
