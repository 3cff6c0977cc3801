package org.pkgforge.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(42));
        long[] steps = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000};
        for (long step : steps) {
            long delay = backoff.next().toMillis();
            assertThat(delay).isBetween(step / 2, step);
        }
    }

    @Test
    void neverExceedsTheCapEvenAfterManyFailures() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(1));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void jitterSpreadsAgentsApart() {
        Backoff a = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(30), new Random(1));
        Backoff b = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(30), new Random(2));
        assertThat(a.next()).isNotEqualTo(b.next());
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        for (int i = 0; i < 6; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesANonsenseRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
