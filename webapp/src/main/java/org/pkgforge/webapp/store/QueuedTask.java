package org.pkgforge.webapp.store;

import java.time.Instant;

/**
 * A waiting task at its place in its platform's queue (1 = claimed next); {@code waiting} is the
 * length of that queue. {@code waitingSince}: when it last joined the queue.
 */
public record QueuedTask(
        String platform,
        long position,
        long waiting,
        String jobUuid,
        String submitter,
        String bucket,
        Instant waitingSince) {}
