-- Least-privilege roles. Login users are made members of these (the embedded default does so);
-- migrations run as the schema owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pkgforge_controller') THEN
        CREATE ROLE pkgforge_controller NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pkgforge_web') THEN
        CREATE ROLE pkgforge_web NOLOGIN;
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO pkgforge_controller, pkgforge_web;
GRANT SELECT, INSERT, UPDATE ON platform, job, package, task, skipped_target, agent, agent_platform,
    attempt, artifact TO pkgforge_controller;
GRANT DELETE ON agent_platform TO pkgforge_controller;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pkgforge_controller;
GRANT SELECT ON platform, job, package, task, skipped_target, agent, agent_platform, attempt, artifact
    TO pkgforge_web;
-- The web side must not see anything it could use to act (it has no write grant at all).
REVOKE ALL ON flyway_schema_history FROM pkgforge_web;
