package org.pkgforge.webapp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void formatsValuesForPages() {
        assertThat(Formats.time(Instant.parse("2024-03-01T10:15:30.5Z"))).isEqualTo("2024-03-01 10:15:30 UTC");
        assertThat(Formats.size(512)).isEqualTo("512 B");
        assertThat(Formats.size(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(Formats.rules(List.of())).isEqualTo("all");
        assertThat(Formats.rules(List.of("el9", "!f40"))).isEqualTo("el9, !f40");
        assertThat(Formats.taskCounts(2, 3)).isEqualTo("2/3 success");
        assertThat(Formats.taskCounts(0, 0)).isEqualTo("no tasks");
    }
}
