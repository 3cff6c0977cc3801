SELECT id, uuid, status, bucket, submitter, submitted_at, platforms, archs, reason
  FROM job
 WHERE uuid = :uuid
