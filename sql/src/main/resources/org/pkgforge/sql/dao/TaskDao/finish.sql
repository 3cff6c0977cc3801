SELECT finish_attempt(:taskId, :attempt, :outcome, :reason)
