package org.pkgforge.webapp.store;

import java.time.Instant;

/**
 * Why a waiting task waits: its place in its platform's queue (1 = next), whether the platform is
 * active, and the agents offering it: all of them, the disabled ones, the ones online and enabled,
 * and those online agents' slots in total and in use.
 */
public record TaskWaiting(
        long taskId,
        String platform,
        boolean platformActive,
        Instant waitingSince,
        long position,
        long agents,
        long agentsDisabled,
        long agentsOnline,
        long slots,
        long slotsBusy) {}
