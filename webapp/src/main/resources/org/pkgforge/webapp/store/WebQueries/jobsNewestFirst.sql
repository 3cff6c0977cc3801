-- Newest first; the id breaks ties between jobs submitted in the same instant, matching index job_newest.
-- A null filter matches every job (the same conditions as countJobs.sql).
SELECT j.uuid, j.submitter, j.bucket, j.status, j.submitted_at,
       counts.tasks, counts.succeeded
  FROM (SELECT id, uuid, submitter, bucket, status, submitted_at
          FROM job
         WHERE (CAST(:state AS text) IS NULL OR status = :state)
           AND (CAST(:submitter AS text) IS NULL OR submitter = :submitter)
           AND (CAST(:bucket AS text) IS NULL OR bucket = :bucket)
         ORDER BY submitted_at DESC, id DESC
         LIMIT :limit OFFSET :offset) j
  CROSS JOIN LATERAL (
        SELECT count(*) AS tasks,
               count(*) FILTER (WHERE t.status = 'success') AS succeeded
          FROM task t
         WHERE t.job_id = j.id) counts
 ORDER BY j.submitted_at DESC, j.id DESC
