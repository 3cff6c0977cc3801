-- Web logins (issue 6): `pkgforge web-login` over SSH issues a one-time login token; opening its
-- URL spends it and starts a web session. Only SHA-256 hashes (hex) of tokens are stored, so a
-- copy of the registry logs nobody in. Both tables are written by the controller role only.
CREATE TABLE web_login (
    token_sha256 char(64) PRIMARY KEY,
    user_id      int NOT NULL REFERENCES farm_user (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    -- Set when the token is spent; a spent token is never accepted again.
    used_at      timestamptz
);

CREATE TABLE web_session (
    token_sha256 char(64) PRIMARY KEY,
    user_id      int NOT NULL REFERENCES farm_user (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    -- 'ssh' (a spent web_login) or 'proxy' (a trusted proxy named the user).
    origin       text NOT NULL CHECK (origin IN ('ssh', 'proxy'))
);
CREATE INDEX web_login_expires ON web_login (expires_at);
CREATE INDEX web_session_expires ON web_session (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON web_login, web_session TO pkgforge_controller;
