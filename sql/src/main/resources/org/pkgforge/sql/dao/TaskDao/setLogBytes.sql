UPDATE attempt SET log_bytes = :bytes WHERE task_id = :taskId AND number = :attempt
