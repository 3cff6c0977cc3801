SELECT j.id
  FROM job j
 WHERE j.status IN ('fail', 'partial_fail', 'success', 'partial_success', 'cancelled')
   AND NOT EXISTS (SELECT 1 FROM job_report r WHERE r.job_id = j.id)
   AND EXISTS (SELECT 1 FROM task t WHERE t.job_id = j.id)
   AND NOT EXISTS (SELECT 1 FROM task t
                    WHERE t.job_id = j.id
                      AND (t.status IN ('needs_build', 'building')
                           OR (t.status = 'success' AND NOT t.published AND t.reason IS NULL)))
 ORDER BY j.id
