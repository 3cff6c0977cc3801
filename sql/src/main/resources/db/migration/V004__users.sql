-- Farm users and their SSH public keys (issue 4). A user submits over SFTP with one of their keys;
-- a revoked key keeps its row (history, audit) but no longer authenticates.
CREATE TABLE farm_user (
    id         serial PRIMARY KEY,
    -- The SSH login name: also the job's submitter and the name of the user's upload area.
    name       varchar(32) NOT NULL UNIQUE CHECK (name ~ '^[a-z_][a-z0-9_-]{0,31}$'),
    admin      boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_key (
    id          serial PRIMARY KEY,
    user_id     int NOT NULL REFERENCES farm_user (id) ON DELETE CASCADE,
    algorithm   text NOT NULL,
    -- The key as in authorized_keys: "ssh-ed25519 AAAA...", without the comment.
    public_key  text NOT NULL,
    -- "SHA256:..." exactly as ssh-keygen -lf prints it.
    fingerprint text NOT NULL,
    comment     text,
    added_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
-- A live key belongs to one user only; a revoked one may be added again later.
CREATE UNIQUE INDEX user_key_live_fingerprint ON user_key (fingerprint) WHERE revoked_at IS NULL;
CREATE INDEX user_key_user ON user_key (user_id);

GRANT SELECT, INSERT, UPDATE ON farm_user, user_key TO pkgforge_controller;
GRANT USAGE ON SEQUENCE farm_user_id_seq, user_key_id_seq TO pkgforge_controller;
-- The web side may show who submitted and who is an admin, never the keys.
GRANT SELECT ON farm_user TO pkgforge_web;
