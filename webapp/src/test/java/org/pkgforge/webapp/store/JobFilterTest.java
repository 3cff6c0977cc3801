package org.pkgforge.webapp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JobFilterTest {
    @Test
    void blankFieldsFilterNothing() {
        JobFilter blank = new JobFilter(" ", "", "\t", " ", "", JobFilter.date("from", " "), JobFilter.date("to", ""));
        assertThat(blank).isEqualTo(JobFilter.NONE);
        assertThat(blank.isEmpty()).isTrue();
        assertThat(JobFilter.NONE.withSubmitter("bob").isEmpty()).isFalse();
        assertThat(new JobFilter(null, null, null, " el9 ", null, null, null).platform())
                .isEqualTo("el9");
    }

    @Test
    void datesAreWholeUtcDaysWithToIncluded() {
        JobFilter january = new JobFilter(
                null, null, null, null, null, JobFilter.date("from", "2024-01-01"), LocalDate.of(2024, 1, 31));
        assertThat(january.submittedFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(january.submittedBefore()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(JobFilter.NONE.submittedFrom()).isNull();
        assertThat(JobFilter.NONE.submittedBefore()).isNull();
        JobFilter oneDay =
                new JobFilter(null, null, null, null, null, LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29));
        assertThat(oneDay.submittedBefore()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void badDatesNameTheFieldAndTheFormat() {
        for (String bad : new String[] {"2024-1-5", "yesterday", "2024-02-30", "+12024-01-01", "2024-01-01T00:00"}) {
            assertThatThrownBy(() -> JobFilter.date("from", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("from must be a date as YYYY-MM-DD, e.g. 2024-01-31, not " + bad);
        }
        assertThatThrownBy(() -> new JobFilter(
                        null, null, null, null, null, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 31)))
                .hasMessage("from (2024-02-01) is after to (2024-01-31)");
    }

    @Test
    void unknownStatesAndMalformedPlatformsAreRefused() {
        assertThatThrownBy(() -> new JobFilter("done", null, null, null, null, null, null))
                .hasMessageStartingWith("unknown job state done; known states: incoming, invalid,");
        for (String bad : new String[] {"el9/x86_64/extra", "el9/", "/x86_64", "el 9", "el9;drop", "x".repeat(21)}) {
            assertThatThrownBy(() -> new JobFilter(null, null, null, bad, null, null, null))
                    .as(bad)
                    .hasMessageContaining("platform must be");
        }
        assertThat(new JobFilter(null, null, null, "el9-x86_64", null, null, null).platform())
                .isEqualTo("el9-x86_64");
    }
}
