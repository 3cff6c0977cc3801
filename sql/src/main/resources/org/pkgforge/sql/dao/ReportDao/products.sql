SELECT f.file
  FROM artifact f
  JOIN attempt a ON a.id = f.attempt_id
  JOIN task t ON t.id = a.task_id AND a.number = t.attempts
 WHERE t.id = :taskId
 ORDER BY f.file
