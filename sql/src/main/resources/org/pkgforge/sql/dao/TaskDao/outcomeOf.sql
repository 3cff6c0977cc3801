SELECT outcome FROM attempt WHERE task_id = :taskId AND number = :attempt AND finished_at IS NOT NULL
