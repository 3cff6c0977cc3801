package org.pkgforge.webapp.store;

/** A product the controller stored for a task's newest attempt. */
public record TaskArtifact(long taskId, String file, long size, String sha256sum) {}
