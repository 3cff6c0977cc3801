SELECT t.id, t.job_id, t.platform_id, p.name AS platform, p.arch, t.status, t.attempts, t.reason, t.published,
       t.failure_class
  FROM task t JOIN platform p ON p.id = t.platform_id
 WHERE t.job_id = :jobId ORDER BY p.name, p.arch
