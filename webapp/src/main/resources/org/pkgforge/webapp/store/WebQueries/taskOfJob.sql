-- A target is named "<platform>-<arch>" in URLs; both parts may contain '-', so match the whole name.
SELECT t.id, p.name AS platform, p.arch, t.status, t.attempts, t.reason, t.published, t.failure_class,
       a.agent_name
  FROM task t
  JOIN platform p ON p.id = t.platform_id
  LEFT JOIN attempt a ON a.task_id = t.id AND a.number = t.attempts
 WHERE t.job_id = :jobId
   AND p.name || '-' || p.arch = :target
