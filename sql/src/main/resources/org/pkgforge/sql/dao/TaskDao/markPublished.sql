UPDATE task SET published = true, reason = NULL WHERE id = :taskId
