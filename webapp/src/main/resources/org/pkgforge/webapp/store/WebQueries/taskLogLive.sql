-- build.log may still grow while the newest attempt is open, or (no attempt yet) the task is queued.
SELECT CASE WHEN a.id IS NULL THEN t.status = 'needs_build' ELSE a.finished_at IS NULL END
  FROM task t
  JOIN job j ON j.id = t.job_id
  JOIN platform p ON p.id = t.platform_id
  LEFT JOIN attempt a ON a.task_id = t.id AND a.number = t.attempts
 WHERE j.uuid = :uuid
   AND p.name || '-' || p.arch = :target
