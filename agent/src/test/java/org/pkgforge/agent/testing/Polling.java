package org.pkgforge.agent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound, for effects that happen on another thread. */
public final class Polling {
    private Polling() {}

    public static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
