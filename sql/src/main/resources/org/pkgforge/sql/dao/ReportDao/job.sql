SELECT id, uuid, bucket, submitter, status, reason, platforms, archs, report, size, submitted_at FROM job WHERE id = :jobId
