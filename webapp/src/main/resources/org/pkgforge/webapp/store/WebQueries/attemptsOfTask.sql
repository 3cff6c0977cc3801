SELECT number, agent_name, claimed_at, started_at, finished_at, outcome, reason, log_bytes
  FROM attempt
 WHERE task_id = :taskId
 ORDER BY number DESC
