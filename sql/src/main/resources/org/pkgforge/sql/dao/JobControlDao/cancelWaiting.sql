UPDATE task SET status = 'cancelled', reason = :reason
 WHERE job_id = :jobId AND status = 'needs_build'
