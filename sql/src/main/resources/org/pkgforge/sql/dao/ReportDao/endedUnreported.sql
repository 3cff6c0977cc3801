SELECT e.id
  FROM ended_job e
 WHERE NOT EXISTS (SELECT 1 FROM job_report r WHERE r.job_id = e.id)
 ORDER BY e.id
