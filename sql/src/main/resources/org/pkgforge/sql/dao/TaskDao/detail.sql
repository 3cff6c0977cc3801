SELECT t.id AS task_id, t.attempts, t.status, j.id AS job_id, j.uuid AS job_uuid, j.bucket, p.name AS platform, p.arch
  FROM task t JOIN job j ON j.id = t.job_id JOIN platform p ON p.id = t.platform_id
 WHERE t.id = :taskId
