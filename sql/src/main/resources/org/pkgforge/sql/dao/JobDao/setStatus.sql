UPDATE job SET status = :status, reason = :reason WHERE id = :id
