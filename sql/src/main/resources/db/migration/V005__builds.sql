-- Real builds (issue 5): set order and dependencies as read from the headers, outcome classes,
-- the infrastructure retry limit, and the reports sent per job.

-- What the controller read from each source package's header, and the build order it derived
-- (0-based; NULL for jobs registered before this migration, which build in seq order).
ALTER TABLE package ADD COLUMN build_requires text[] NOT NULL DEFAULT '{}';
ALTER TABLE package ADD COLUMN provides text[] NOT NULL DEFAULT '{}';
ALTER TABLE package ADD COLUMN build_order int;

-- Why a task failed, as a class users can act on: 'build' (the package; never retried
-- automatically) or 'infrastructure' (agent lost, tool crash…; retried up to the limit).
ALTER TABLE task ADD COLUMN failure_class text CHECK (failure_class IN ('build', 'infrastructure'));

-- Settings the controller writes from its configuration at start-up, read by plpgsql.
CREATE TABLE farm_setting (
    name  text PRIMARY KEY CHECK (name ~ '^[a-z_]+$'),
    value text NOT NULL
);
INSERT INTO farm_setting (name, value) VALUES ('max_infra_attempts', '3');

-- One row per job whose end-of-job report went out (so a restart does not send it twice).
CREATE TABLE job_report (
    job_id   bigint PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    status   text NOT NULL,
    sent_at  timestamptz NOT NULL DEFAULT now(),
    outcome  text NOT NULL CHECK (outcome IN ('sent', 'failed', 'no_recipients')),
    detail   text
);

GRANT SELECT, INSERT, UPDATE ON farm_setting, job_report TO pkgforge_controller;
GRANT SELECT ON farm_setting, job_report TO pkgforge_web;
