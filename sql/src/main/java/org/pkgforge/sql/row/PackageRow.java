package org.pkgforge.sql.row;

import java.util.List;

/**
 * One source package of a job. {@code seq} is the submitted position, {@code buildOrder} the
 * position the controller derived from BuildRequires/Provides (null for jobs registered before
 * it was recorded).
 */
public record PackageRow(
        long jobId,
        int seq,
        String type,
        String file,
        long size,
        String sha1sum,
        String sha256sum,
        String name,
        String version,
        String release,
        List<String> exclusiveArch,
        List<String> excludeArch,
        List<String> buildRequires,
        List<String> provides,
        Integer buildOrder) {}
