-- State transitions that need locking live here, so the Java side stays a thin caller.

CREATE OR REPLACE FUNCTION touch_modtime() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.modtime := now();
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS job_touch ON job;
CREATE TRIGGER job_touch BEFORE UPDATE ON job FOR EACH ROW EXECUTE FUNCTION touch_modtime();
DROP TRIGGER IF EXISTS task_touch ON task;
CREATE TRIGGER task_touch BEFORE UPDATE ON task FOR EACH ROW EXECUTE FUNCTION touch_modtime();
DROP TRIGGER IF EXISTS platform_touch ON platform;
CREATE TRIGGER platform_touch BEFORE UPDATE ON platform FOR EACH ROW EXECUTE FUNCTION touch_modtime();
DROP TRIGGER IF EXISTS agent_touch ON agent;
CREATE TRIGGER agent_touch BEFORE UPDATE ON agent FOR EACH ROW EXECUTE FUNCTION touch_modtime();

-- Job status derived from its tasks, with the original PkgForge's rules: any failure makes it
-- (partial_)fail, else any success (partial_)success, else all cancelled is cancelled.
-- "partial" means "so far" while tasks are still pending.
CREATE OR REPLACE FUNCTION derive_job_status(p_job bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN count(*) = 0 THEN NULL
        WHEN count(*) FILTER (WHERE status = 'fail') = count(*) THEN 'fail'
        WHEN count(*) FILTER (WHERE status = 'fail') > 0 THEN 'partial_fail'
        WHEN count(*) FILTER (WHERE status = 'success') = count(*) THEN 'success'
        WHEN count(*) FILTER (WHERE status = 'success') > 0 THEN 'partial_success'
        WHEN count(*) FILTER (WHERE status = 'cancelled') = count(*) THEN 'cancelled'
        ELSE 'registered'
    END
    FROM task WHERE job_id = p_job
$$;

CREATE OR REPLACE FUNCTION refresh_job_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_status text := derive_job_status(NEW.job_id);
BEGIN
    IF v_status IS NOT NULL THEN
        UPDATE job SET status = v_status
         WHERE id = NEW.job_id AND status IS DISTINCT FROM v_status
           AND status NOT IN ('incoming', 'invalid', 'accepted');
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS task_status_change ON task;
CREATE TRIGGER task_status_change AFTER UPDATE OF status ON task
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION refresh_job_status();

-- Wakes the scheduler at once when work appears (LISTEN pkgforge_task).
CREATE OR REPLACE FUNCTION notify_task_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pkgforge_task', NEW.platform_id::text);
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS task_waiting_notify ON task;
CREATE TRIGGER task_waiting_notify AFTER INSERT OR UPDATE OF status ON task
    FOR EACH ROW WHEN (NEW.status = 'needs_build') EXECUTE FUNCTION notify_task_waiting();

-- Claims the oldest waiting task one of the agent's platforms can build. Concurrent claimers skip
-- rows another transaction holds instead of queueing behind it. Returns no row when idle.
-- The oldest unlocked task is found per platform (one index probe each on task_waiting) and the
-- oldest of those taken: sorting the agent's whole queue instead cost 7.5 ms per claim at 5,000
-- waiting tasks (docs/benchmarks.md, "Task claims"). The probes briefly lock the head task of the
-- agent's other platforms too; a concurrent claimer skips those for that instant.
CREATE OR REPLACE FUNCTION claim_task(p_agent text, p_lease interval)
RETURNS TABLE (task_id bigint, attempt int) LANGUAGE plpgsql AS $$
DECLARE
    v_task bigint;
    v_attempt int;
BEGIN
    SELECT c.id INTO v_task
      FROM agent a
      JOIN agent_platform ap ON ap.agent_id = a.id
      JOIN platform p ON p.id = ap.platform_id AND p.active
      CROSS JOIN LATERAL (
            SELECT t.id, t.queued_at
              FROM task t
             WHERE t.platform_id = ap.platform_id AND t.status = 'needs_build'
             ORDER BY t.queued_at, t.id
             LIMIT 1
             FOR UPDATE SKIP LOCKED) c
     WHERE a.name = p_agent AND a.enabled
     ORDER BY c.queued_at, c.id
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    UPDATE task SET status = 'building', attempts = attempts + 1, reason = NULL
     WHERE id = v_task RETURNING attempts INTO v_attempt;
    INSERT INTO attempt (task_id, number, agent_name, lease_expires)
    VALUES (v_task, v_attempt, p_agent, now() + p_lease);
    task_id := v_task;
    attempt := v_attempt;
    RETURN NEXT;
END $$;

-- True when (task, attempt) is the task's live attempt; every agent message is checked with it.
CREATE OR REPLACE FUNCTION attempt_is_current(p_task bigint, p_attempt int) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM task WHERE id = p_task AND attempts = p_attempt AND status = 'building')
$$;

-- Extends the lease of a live attempt, timed by the database clock.
CREATE OR REPLACE FUNCTION renew_lease(p_task bigint, p_attempt int, p_lease interval) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attempt a SET lease_expires = now() + p_lease
      FROM task t
     WHERE a.task_id = p_task AND a.number = p_attempt AND a.finished_at IS NULL
       AND t.id = a.task_id AND t.attempts = p_attempt AND t.status = 'building';
    RETURN FOUND;
END $$;

-- Records the end of an attempt. A stale attempt (not the task's live one) changes nothing and
-- gets false back, so a late or duplicate result can never overwrite a newer one.
-- 'infra_fail' puts the task back in the queue at its old place; it is not a build failure.
CREATE OR REPLACE FUNCTION finish_attempt(p_task bigint, p_attempt int, p_outcome text, p_reason text)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM task WHERE id = p_task AND attempts = p_attempt AND status = 'building' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE attempt SET finished_at = now(), outcome = p_outcome, reason = p_reason
     WHERE task_id = p_task AND number = p_attempt;
    UPDATE task SET status = CASE p_outcome WHEN 'success' THEN 'success'
                                            WHEN 'fail' THEN 'fail'
                                            WHEN 'cancelled' THEN 'cancelled'
                                            ELSE 'needs_build' END,
                    reason = p_reason
     WHERE id = p_task;
    RETURN true;
END $$;

-- Requeues every task whose live attempt's lease ran out (agent gone). Returns how many.
CREATE OR REPLACE FUNCTION requeue_expired_leases() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    v_count int := 0;
    r record;
BEGIN
    FOR r IN SELECT a.task_id, a.number FROM attempt a JOIN task t ON t.id = a.task_id
              WHERE a.finished_at IS NULL AND a.lease_expires < now()
                AND t.status = 'building' AND t.attempts = a.number
              FOR UPDATE OF t SKIP LOCKED
    LOOP
        PERFORM finish_attempt(r.task_id, r.number, 'infra_fail', 'lease expired: agent stopped answering');
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END $$;

-- Requeues every open attempt of an agent known to be gone (its process died), at once instead of
-- when the lease runs out. An infrastructure failure, not a build failure. Returns how many.
CREATE OR REPLACE FUNCTION requeue_attempts_of(p_agent text, p_reason text) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    v_count int := 0;
    r record;
BEGIN
    FOR r IN SELECT a.task_id, a.number FROM attempt a JOIN task t ON t.id = a.task_id
              WHERE a.agent_name = p_agent AND a.finished_at IS NULL
                AND t.status = 'building' AND t.attempts = a.number
              FOR UPDATE OF t
    LOOP
        PERFORM finish_attempt(r.task_id, r.number, 'infra_fail', p_reason);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END $$;

-- Wakes the controller's host manager when an admin adds, changes or removes a build host
-- (LISTEN pkgforge_host). State changes the controller writes itself do not fire it.
CREATE OR REPLACE FUNCTION notify_host_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pkgforge_host', coalesce(NEW.name, OLD.name));
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS host_changed_notify ON agent;
CREATE TRIGGER host_changed_notify
    AFTER INSERT OR DELETE OR UPDATE OF enabled, slots, ssh_user, ssh_host, ssh_port, host_key, work_dir, java_command
    ON agent FOR EACH ROW EXECUTE FUNCTION notify_host_changed();

-- The same for a host's platforms (pkgforge host set): tasks of a platform just given to a host
-- may be claimable now, so the controller runs a dispatch pass instead of waiting for its sweep.
CREATE OR REPLACE FUNCTION notify_host_platforms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_name text;
BEGIN
    SELECT name INTO v_name FROM agent WHERE id = coalesce(NEW.agent_id, OLD.agent_id);
    -- No agent: it was removed, and its removal has notified already.
    IF v_name IS NOT NULL THEN
        PERFORM pg_notify('pkgforge_host', v_name);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS host_platforms_notify ON agent_platform;
CREATE TRIGGER host_platforms_notify AFTER INSERT OR DELETE ON agent_platform
    FOR EACH ROW EXECUTE FUNCTION notify_host_platforms_changed();
