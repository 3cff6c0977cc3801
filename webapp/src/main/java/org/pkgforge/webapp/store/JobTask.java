package org.pkgforge.webapp.store;

/**
 * A task with its platform and the agent of its newest attempt (null before the first claim).
 * {@code failureClass} is 'build', 'infrastructure' or null.
 */
public record JobTask(
        long id,
        String platform,
        String arch,
        String status,
        int attempts,
        String reason,
        boolean published,
        String failureClass,
        String agentName) {}
