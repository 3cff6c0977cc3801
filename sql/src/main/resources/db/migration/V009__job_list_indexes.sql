-- The web job list's filters (issue 6). Each index lets a filter find its jobs without reading
-- every job: job_newest (V001) already serves the date range and the unfiltered list.
-- Jobs with a task for a platform (the platform filter's EXISTS; task_job_platform is the other way round).
CREATE INDEX task_platform_job ON task (platform_id, job_id);
-- Jobs with a source package of a name.
CREATE INDEX package_name_job ON package (name, job_id);
-- One submitter's, one bucket's or one state's jobs, newest first, so a rare value's first page
-- is a short index range instead of a walk down job_newest past everyone else's jobs.
CREATE INDEX job_submitter_newest ON job (submitter, submitted_at DESC, id DESC);
CREATE INDEX job_bucket_newest ON job (bucket, submitted_at DESC, id DESC);
CREATE INDEX job_status_newest ON job (status, submitted_at DESC, id DESC);
