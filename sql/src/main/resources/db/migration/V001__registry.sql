-- The PkgForge registry: jobs, their packages, one task per target, every claim as an attempt.
-- State names follow the original PkgForge, with underscores instead of spaces.

CREATE DOMAIN job_uuid AS varchar(50) CHECK (VALUE ~ '^[A-Za-z0-9_.-]+$');

CREATE TABLE platform (
    id      serial PRIMARY KEY,
    name    varchar(20) NOT NULL CHECK (name ~ '^[A-Za-z0-9_.+-]+$'),
    arch    varchar(20) NOT NULL CHECK (arch ~ '^[A-Za-z0-9_.+-]+$'),
    active  boolean NOT NULL DEFAULT false,
    auto    boolean NOT NULL DEFAULT false,
    modtime timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT platform_name_arch UNIQUE (name, arch)
);

CREATE TABLE job (
    id           bigserial PRIMARY KEY,
    uuid         job_uuid NOT NULL UNIQUE,
    bucket       varchar(100) NOT NULL DEFAULT '',
    submitter    varchar(100),
    status       text NOT NULL DEFAULT 'incoming' CHECK (status IN (
                     'incoming', 'invalid', 'accepted', 'registered',
                     'partial_fail', 'fail', 'partial_success', 'success', 'cancelled')),
    -- Why the job was rejected, or notes from target selection (unknown platform names ...).
    reason       text,
    platforms    text[] NOT NULL DEFAULT '{}',
    archs        text[] NOT NULL DEFAULT '{}',
    report       text[] NOT NULL DEFAULT '{}',
    size         bigint NOT NULL DEFAULT 0,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    modtime      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_newest ON job (submitted_at DESC, id DESC);

CREATE TABLE package (
    id             bigserial PRIMARY KEY,
    job_id         bigint NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    seq            int NOT NULL,
    type           varchar(20) NOT NULL,
    file           varchar(255) NOT NULL,
    size           bigint NOT NULL,
    sha1sum        char(40) NOT NULL,
    sha256sum      char(64) NOT NULL,
    name           text,
    version        text,
    release        text,
    exclusive_arch text[] NOT NULL DEFAULT '{}',
    exclude_arch   text[] NOT NULL DEFAULT '{}',
    CONSTRAINT package_job_seq UNIQUE (job_id, seq),
    CONSTRAINT package_job_file UNIQUE (job_id, file)
);

CREATE TABLE task (
    id          bigserial PRIMARY KEY,
    job_id      bigint NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    platform_id int NOT NULL REFERENCES platform (id),
    status      text NOT NULL DEFAULT 'needs_build' CHECK (status IN (
                    'needs_build', 'building', 'success', 'fail', 'cancelled')),
    -- Number of the newest attempt; every result must quote it (fencing).
    attempts    int NOT NULL DEFAULT 0,
    reason      text,
    published   boolean NOT NULL DEFAULT false,
    queued_at   timestamptz NOT NULL DEFAULT now(),
    modtime     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT task_job_platform UNIQUE (job_id, platform_id)
);
CREATE INDEX task_waiting ON task (platform_id, queued_at, id) WHERE status = 'needs_build';

-- Targets the rules selected but the packages exclude, with the reason (never silently dropped).
CREATE TABLE skipped_target (
    job_id      bigint NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    platform_id int NOT NULL REFERENCES platform (id),
    reason      text NOT NULL,
    PRIMARY KEY (job_id, platform_id)
);

CREATE TABLE agent (
    id        serial PRIMARY KEY,
    name      varchar(64) NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]+$'),
    slots     int NOT NULL DEFAULT 1 CHECK (slots > 0),
    enabled   boolean NOT NULL DEFAULT true,
    state     text NOT NULL DEFAULT 'offline' CHECK (state IN ('offline', 'online')),
    state_reason text,
    version   text,
    last_seen timestamptz,
    modtime   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent_platform (
    agent_id    int NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    platform_id int NOT NULL REFERENCES platform (id),
    PRIMARY KEY (agent_id, platform_id)
);

-- Every claim of a task, kept for history: no foreign key to agent, so removing an agent keeps it.
CREATE TABLE attempt (
    id             bigserial PRIMARY KEY,
    task_id        bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    number         int NOT NULL,
    agent_name     varchar(64) NOT NULL,
    claimed_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    lease_expires  timestamptz NOT NULL,
    outcome        text CHECK (outcome IN ('success', 'fail', 'infra_fail', 'cancelled')),
    reason         text,
    log_bytes      bigint NOT NULL DEFAULT 0,
    CONSTRAINT attempt_task_number UNIQUE (task_id, number)
);
CREATE INDEX attempt_open_leases ON attempt (lease_expires) WHERE finished_at IS NULL;

-- Products the controller verified and stored, per attempt.
CREATE TABLE artifact (
    id         bigserial PRIMARY KEY,
    attempt_id bigint NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
    file       varchar(255) NOT NULL,
    size       bigint NOT NULL,
    sha256sum  char(64) NOT NULL,
    CONSTRAINT artifact_attempt_file UNIQUE (attempt_id, file)
);
