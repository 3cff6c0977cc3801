UPDATE task SET published = true WHERE id = :taskId
