SELECT id FROM task WHERE status = 'success' AND NOT published ORDER BY id
