-- Waiting tasks per platform in claim order: claim_task takes the oldest queued_at first (ties by
-- id), so that is the position. At most :limit per platform; {@code waiting} counts them all.
-- waiting_since is when the task last joined the queue (a retried or requeued task waits anew).
SELECT q.platform, q.position, q.waiting, q.job_uuid, q.submitter, q.bucket, q.waiting_since
  FROM (SELECT p.name || '/' || p.arch AS platform,
               row_number() OVER w AS position,
               count(*) OVER (PARTITION BY t.platform_id) AS waiting,
               j.uuid AS job_uuid, j.submitter, j.bucket,
               GREATEST(t.queued_at, COALESCE(
                   (SELECT max(a.finished_at) FROM attempt a WHERE a.task_id = t.id), t.queued_at)) AS waiting_since
          FROM task t
          JOIN platform p ON p.id = t.platform_id
          JOIN job j ON j.id = t.job_id
         WHERE t.status = 'needs_build'
        WINDOW w AS (PARTITION BY t.platform_id ORDER BY t.queued_at, t.id)) q
 WHERE q.position <= :limit
 ORDER BY q.platform, q.position
