INSERT INTO task (job_id, platform_id) VALUES (:jobId, :platformId)
