-- A new attempt number comes from claim_task as usual, so late results of old attempts stay fenced off.
UPDATE task t SET status = 'needs_build', reason = NULL, queued_at = now()
  FROM platform p
 WHERE p.id = t.platform_id AND t.job_id = :jobId AND t.status IN ('fail', 'cancelled')
   AND (CAST(:target AS text) IS NULL OR p.name || '-' || p.arch = :target)
