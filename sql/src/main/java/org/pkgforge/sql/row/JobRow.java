package org.pkgforge.sql.row;

import java.time.OffsetDateTime;
import java.util.List;

public record JobRow(
        long id,
        String uuid,
        String bucket,
        String submitter,
        String status,
        String reason,
        List<String> platforms,
        List<String> archs,
        List<String> report,
        long size,
        OffsetDateTime submittedAt) {}
