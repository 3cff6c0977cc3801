SELECT p.name AS platform, p.arch, f.file, f.size, f.sha256sum
  FROM task t
  JOIN platform p ON p.id = t.platform_id
  JOIN attempt a ON a.task_id = t.id AND a.number = t.attempts
  JOIN artifact f ON f.attempt_id = a.id
 WHERE t.job_id = :jobId
 ORDER BY p.name, p.arch, f.file
