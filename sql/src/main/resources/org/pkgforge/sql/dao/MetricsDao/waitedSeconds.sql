SELECT extract(epoch FROM now() - GREATEST(t.queued_at,
           COALESCE((SELECT max(p.finished_at) FROM attempt p WHERE p.task_id = t.id AND p.number < :attempt),
                    t.queued_at)))::float8
  FROM task t
 WHERE t.id = :taskId
