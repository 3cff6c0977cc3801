SELECT id, uuid, bucket, submitter, status, reason, platforms, archs, report, size, submitted_at FROM job ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset
