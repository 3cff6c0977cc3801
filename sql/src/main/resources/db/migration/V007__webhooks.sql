-- End-of-job webhooks (issue 5): one JSON POST per ended job, retried with backoff until the
-- receiver answers 2xx or the attempts run out. Kept apart from job_report so a mail already
-- sent is never sent again because the webhook receiver was down.

-- A job has ended when every task has: a success only once published (or its publish failed).
CREATE VIEW ended_job AS
SELECT j.id
  FROM job j
 WHERE j.status IN ('fail', 'partial_fail', 'success', 'partial_success', 'cancelled')
   AND EXISTS (SELECT 1 FROM task t WHERE t.job_id = j.id)
   AND NOT EXISTS (SELECT 1 FROM task t
                    WHERE t.job_id = j.id
                      AND (t.status IN ('needs_build', 'building')
                           OR (t.status = 'success' AND NOT t.published AND t.reason IS NULL)));

CREATE TABLE job_webhook (
    job_id          bigint PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    outcome         text NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
    attempts        integer NOT NULL,
    next_attempt_at timestamptz,
    http_status     integer,
    detail          text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON ended_job TO pkgforge_controller, pkgforge_web;
GRANT SELECT, INSERT, UPDATE ON job_webhook TO pkgforge_controller;
GRANT SELECT ON job_webhook TO pkgforge_web;
