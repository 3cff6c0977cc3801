-- Why each waiting task of a job waits: its place in its platform's queue (claim order, as
-- claim_task takes tasks: oldest queued_at first, ties by id), whether the platform is active,
-- and the agents offering the platform: how many, how many of them are online and enabled, and
-- their slots in total and in use (attempts still open on them, whichever platform they build).
WITH mine AS (
    SELECT t.id, t.platform_id, t.queued_at,
           GREATEST(t.queued_at, COALESCE(
               (SELECT max(a.finished_at) FROM attempt a WHERE a.task_id = t.id), t.queued_at)) AS waiting_since
      FROM task t
     WHERE t.job_id = :jobId AND t.status = 'needs_build'
), offer AS (
    SELECT ap.platform_id, a.enabled, a.state, a.slots,
           (SELECT count(*) FROM attempt x WHERE x.agent_name = a.name AND x.finished_at IS NULL) AS busy
      FROM agent_platform ap
      JOIN agent a ON a.id = ap.agent_id
     WHERE ap.platform_id IN (SELECT platform_id FROM mine)
)
SELECT m.id AS task_id,
       p.name || '/' || p.arch AS platform,
       p.active AS platform_active,
       m.waiting_since,
       (SELECT count(*) FROM task w
         WHERE w.platform_id = m.platform_id AND w.status = 'needs_build'
           AND (w.queued_at, w.id) < (m.queued_at, m.id)) + 1 AS position,
       (SELECT count(*) FROM offer o WHERE o.platform_id = m.platform_id) AS agents,
       (SELECT count(*) FROM offer o WHERE o.platform_id = m.platform_id AND NOT o.enabled) AS agents_disabled,
       (SELECT count(*) FROM offer o
         WHERE o.platform_id = m.platform_id AND o.enabled AND o.state = 'online') AS agents_online,
       (SELECT COALESCE(sum(o.slots), 0)::bigint FROM offer o
         WHERE o.platform_id = m.platform_id AND o.enabled AND o.state = 'online') AS slots,
       (SELECT COALESCE(sum(LEAST(o.busy, o.slots)), 0)::bigint FROM offer o
         WHERE o.platform_id = m.platform_id AND o.enabled AND o.state = 'online') AS slots_busy
  FROM mine m
  JOIN platform p ON p.id = m.platform_id
