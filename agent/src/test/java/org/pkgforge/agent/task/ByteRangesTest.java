package org.pkgforge.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangesTest {
    @Test
    void coversOnlyWhenEveryByteArrived() {
        ByteRanges ranges = new ByteRanges();
        ranges.add(10, 20);
        ranges.add(30, 40);
        assertThat(ranges.covers(40)).isFalse();
        ranges.add(0, 10);
        assertThat(ranges.covers(20)).isTrue();
        assertThat(ranges.covers(40)).isFalse();
        ranges.add(15, 35);
        assertThat(ranges.covers(40)).isTrue();
        assertThat(ranges.covers(41)).isFalse();
    }

    @Test
    void repeatsAndEmptyRangesChangeNothing() {
        ByteRanges ranges = new ByteRanges();
        ranges.add(0, 5);
        ranges.add(0, 5);
        ranges.add(7, 7);
        assertThat(ranges.covers(5)).isTrue();
        assertThat(ranges.covers(6)).isFalse();
    }

    @Test
    void emptyFileIsCoveredAtOnce() {
        assertThat(new ByteRanges().covers(0)).isTrue();
        assertThat(new ByteRanges().covers(1)).isFalse();
    }
}
