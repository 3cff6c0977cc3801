package org.pkgforge.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"hello-1.0-1.src.rpm", "a", "libfoo_2.1+git.orig.tar.xz"})
    void bareNamesPass(String name) {
        assertThat(FileNames.problemWith(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x.src.rpm", "/etc/passwd", "dir/x.rpm", "a\\b", "x..y"})
    void anythingThatCouldLeaveTheDirectoryIsRefused(String name) {
        assertThat(FileNames.problemWith(name)).isPresent();
    }
}
