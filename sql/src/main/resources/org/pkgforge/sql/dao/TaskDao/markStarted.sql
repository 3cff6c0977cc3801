UPDATE attempt SET started_at = now()
 WHERE task_id = :taskId AND number = :attempt AND started_at IS NULL AND finished_at IS NULL
