-- Ends the open attempt of each building target along with the target, in one statement, so an
-- agent's result that arrives meanwhile finds the attempt no longer current (finish_attempt
-- locks the task row and requires status 'building').
WITH cancelled AS (
    UPDATE task SET status = 'cancelled', reason = :reason
     WHERE job_id = :jobId AND status = 'building'
    RETURNING id, attempts
)
UPDATE attempt a SET finished_at = now(), outcome = 'cancelled', reason = :reason
  FROM cancelled c
 WHERE a.task_id = c.id AND a.number = c.attempts AND a.finished_at IS NULL
RETURNING a.task_id, a.number AS attempt, a.agent_name
