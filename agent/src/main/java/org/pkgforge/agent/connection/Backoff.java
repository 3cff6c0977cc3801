package org.pkgforge.agent.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code base} up to {@code cap}, each drawn from the upper half of
 * its step ("equal jitter") so that agents cut off together do not return together, yet never
 * retry at once.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got " + base + ", " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    public synchronized Duration next() {
        long step = baseMillis << Math.min(failures, 30);
        if (step <= 0 || step > capMillis) {
            step = capMillis;
        }
        failures++;
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }

    /** After a successful handshake the next outage starts again from {@code base}. */
    public synchronized void reset() {
        failures = 0;
    }
}
