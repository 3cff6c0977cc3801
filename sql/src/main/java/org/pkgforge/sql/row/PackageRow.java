package org.pkgforge.sql.row;

import java.util.List;

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
        List<String> excludeArch) {}
