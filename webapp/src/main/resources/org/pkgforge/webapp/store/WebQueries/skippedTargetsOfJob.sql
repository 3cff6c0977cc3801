SELECT p.name AS platform, p.arch, s.reason
  FROM skipped_target s
  JOIN platform p ON p.id = s.platform_id
 WHERE s.job_id = :jobId
 ORDER BY p.name, p.arch
