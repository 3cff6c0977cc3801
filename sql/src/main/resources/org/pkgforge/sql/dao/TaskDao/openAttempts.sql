SELECT a.task_id, a.number AS attempt
  FROM attempt a JOIN task t ON t.id = a.task_id
 WHERE a.agent_name = :agent AND a.finished_at IS NULL AND t.status = 'building' AND t.attempts = a.number
 ORDER BY a.task_id
