package org.pkgforge.protocol.message;

/** Agent → controller: all sources arrived and verified; the build process has started. */
public record BuildStarted(long taskId, int attempt) implements Message, TaskScoped {}
