SELECT e.id AS job_id, COALESCE(w.attempts, 0) AS attempts
  FROM ended_job e
  LEFT JOIN job_webhook w ON w.job_id = e.id
 WHERE w.job_id IS NULL
    OR (w.outcome = 'retrying' AND w.next_attempt_at <= now())
 ORDER BY e.id
 LIMIT :limit
