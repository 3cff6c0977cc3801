SELECT COALESCE((SELECT sum(slots) FROM agent WHERE state = 'online' AND enabled), 0) AS total,
       (SELECT count(*) FROM attempt a JOIN agent g ON g.name = a.agent_name
         WHERE a.finished_at IS NULL AND g.state = 'online') AS used
