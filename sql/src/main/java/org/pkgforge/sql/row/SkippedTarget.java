package org.pkgforge.sql.row;

public record SkippedTarget(long jobId, String platform, String arch, String reason) {}
