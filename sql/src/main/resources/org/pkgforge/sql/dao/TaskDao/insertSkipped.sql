INSERT INTO skipped_target (job_id, platform_id, reason) VALUES (:jobId, :platformId, :reason)
