UPDATE task SET reason = :reason WHERE id = :taskId AND status = 'success'
