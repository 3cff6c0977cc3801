package org.pkgforge.webapp.store;

/** A task with its platform and the agent of its newest attempt (null before the first claim). */
public record JobTask(
        long id,
        String platform,
        String arch,
        String status,
        int attempts,
        String reason,
        boolean published,
        String agentName) {}
