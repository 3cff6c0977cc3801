SELECT t.id AS task_id, f.file, f.size, f.sha256sum
  FROM task t
  JOIN attempt a ON a.task_id = t.id AND a.number = t.attempts
  JOIN artifact f ON f.attempt_id = a.id
 WHERE t.id = :taskId
 ORDER BY f.file
