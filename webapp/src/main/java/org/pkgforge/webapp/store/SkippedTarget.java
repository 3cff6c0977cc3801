package org.pkgforge.webapp.store;

/** A platform the job's rules selected but its packages exclude, with the reason. */
public record SkippedTarget(String platform, String arch, String reason) {}
