-- Newest first; the id breaks ties between jobs submitted in the same instant, matching index job_newest.
SELECT j.uuid, j.submitter, j.bucket, j.status, j.submitted_at,
       counts.tasks, counts.succeeded
  FROM (SELECT j.id, j.uuid, j.submitter, j.bucket, j.status, j.submitted_at
          FROM job j
         WHERE TRUE
<#include "where.ftl">
         ORDER BY j.submitted_at DESC, j.id DESC
         LIMIT :limit OFFSET :offset) j
  CROSS JOIN LATERAL (
        SELECT count(*) AS tasks,
               count(*) FILTER (WHERE t.status = 'success') AS succeeded
          FROM task t
         WHERE t.job_id = j.id) counts
 ORDER BY j.submitted_at DESC, j.id DESC
