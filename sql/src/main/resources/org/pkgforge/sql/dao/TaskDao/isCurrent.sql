SELECT attempt_is_current(:taskId, :attempt)
