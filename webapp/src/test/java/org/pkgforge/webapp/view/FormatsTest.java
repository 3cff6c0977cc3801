package org.pkgforge.webapp.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

    @Test
    void relativeTimesRoundDownToTheirLargestUnitWithTheAbsoluteTimeBeside() {
        assertThat(Formats.relative(Duration.ofSeconds(3))).isEqualTo("just now");
        assertThat(Formats.relative(Duration.ofSeconds(42))).isEqualTo("42 s ago");
        assertThat(Formats.relative(Duration.ofSeconds(3 * 60 + 59))).isEqualTo("3 min ago");
        assertThat(Formats.relative(Duration.ofHours(5).plusMinutes(59))).isEqualTo("5 h ago");
        assertThat(Formats.relative(Duration.ofDays(1))).isEqualTo("1 day ago");
        assertThat(Formats.relative(Duration.ofDays(9))).isEqualTo("9 days ago");
        assertThat(Formats.relative(Duration.ofMinutes(-3))).isEqualTo("in 3 min");
        Instant at = Instant.parse("2024-03-01T10:00:00Z");
        assertThat(Formats.moment(at, at.plusSeconds(600)))
                .isEqualTo(new Formats.Moment("2024-03-01T10:00:00Z", "2024-03-01 10:00:00 UTC", "10 min ago"));
        assertThat(Formats.moment(null, at)).isNull();
    }

    @Test
    void ordinals() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112))
                .extracting(n -> Formats.ordinal(n))
                .containsExactly(
                        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
                        "112th");
    }
}
