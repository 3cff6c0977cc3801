-- Build hosts reached over SSH. A host is an agent row whose launcher is 'ssh': the controller
-- connects to it, checks its pinned host key, starts the agent there and keeps it connected.

ALTER TABLE agent
    ADD COLUMN launcher     text NOT NULL DEFAULT 'local' CHECK (launcher IN ('local', 'ssh')),
    ADD COLUMN ssh_user     varchar(64) CHECK (ssh_user ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]*$'),
    ADD COLUMN ssh_host     varchar(255) CHECK (ssh_host ~ '^[A-Za-z0-9_.:-]+$'),
    ADD COLUMN ssh_port     int CHECK (ssh_port BETWEEN 1 AND 65535),
    -- The pinned host key, one OpenSSH public key line ("ssh-ed25519 AAAA..."). Never replaced
    -- by the controller: only an admin re-pins.
    ADD COLUMN host_key     text,
    -- What the host presented when it did not match the pinned key (shown next to it).
    ADD COLUMN offered_host_key text,
    ADD COLUMN work_dir     text,
    ADD COLUMN java_command text NOT NULL DEFAULT 'java',
    -- The remote-forward port the agent was last told about; asked for again after a reconnect.
    ADD COLUMN forward_port int,
    ADD CONSTRAINT agent_ssh_complete CHECK (launcher = 'local'
        OR (ssh_user IS NOT NULL AND ssh_host IS NOT NULL AND ssh_port IS NOT NULL
            AND host_key IS NOT NULL AND work_dir IS NOT NULL));

ALTER TABLE agent DROP CONSTRAINT agent_state_check;
ALTER TABLE agent ADD CONSTRAINT agent_state_check CHECK (state IN ('offline', 'connecting', 'online'));

-- The hash of each running agent's session key (the secret it reconnects with). Kept apart from
-- agent so the read-only web role, which may read agent, never sees it.
CREATE TABLE agent_secret (
    agent_id           int PRIMARY KEY REFERENCES agent (id) ON DELETE CASCADE,
    session_key_sha256 char(64) NOT NULL,
    issued_at          timestamptz NOT NULL DEFAULT now()
);

-- Build hosts as the controller, the CLI and the web pages show them.
CREATE VIEW build_host AS
SELECT a.id, a.name, a.slots, a.enabled, a.state, a.state_reason, a.version, a.last_seen,
       a.ssh_user, a.ssh_host, a.ssh_port, a.host_key, a.offered_host_key, a.work_dir, a.java_command,
       a.forward_port,
       array(SELECT p.name || '/' || p.arch FROM agent_platform ap JOIN platform p ON p.id = ap.platform_id
              WHERE ap.agent_id = a.id ORDER BY p.name, p.arch) AS platforms
  FROM agent a
 WHERE a.launcher = 'ssh';

GRANT SELECT ON build_host TO pkgforge_controller, pkgforge_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_secret TO pkgforge_controller;
GRANT DELETE ON agent TO pkgforge_controller;
