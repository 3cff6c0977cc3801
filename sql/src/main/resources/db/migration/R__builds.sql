-- Issue 5's state rules, kept apart from R__functions.sql.

-- Outcome classes and the infrastructure retry limit. finish_attempt() records the attempt, then
-- moves the task: 'fail' for a build failure, back to 'needs_build' for an infrastructure
-- failure. This trigger classifies the failure and, once a task has had max_infra_attempts
-- infrastructure failures, fails it for good instead of requeueing it forever.
CREATE OR REPLACE FUNCTION classify_task_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_limit int;
    v_infra int;
BEGIN
    IF NEW.status = 'fail' AND OLD.status = 'building' THEN
        NEW.failure_class := coalesce(NEW.failure_class, 'build');
    ELSIF NEW.status = 'needs_build' AND OLD.status = 'building' THEN
        NEW.failure_class := 'infrastructure';
        SELECT value::int INTO v_limit FROM farm_setting WHERE name = 'max_infra_attempts';
        SELECT count(*) INTO v_infra FROM attempt WHERE task_id = NEW.id AND outcome = 'infra_fail';
        IF v_limit IS NOT NULL AND v_infra >= v_limit THEN
            NEW.status := 'fail';
            NEW.reason := 'infrastructure failure, gave up after ' || v_infra || ' attempt(s): '
                          || coalesce(NEW.reason, 'no reason given');
        END IF;
    ELSIF NEW.status = 'success' THEN
        NEW.failure_class := NULL;
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS task_classify_outcome ON task;
CREATE TRIGGER task_classify_outcome BEFORE UPDATE OF status ON task
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION classify_task_outcome();
