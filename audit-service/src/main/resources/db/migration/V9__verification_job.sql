-- Verification runs of the whole log (POST /api/v1/verifications). One runs at a time (the partial unique index);
-- its progress (the position reached, the right edge of the tree recomputed so far, the failures found) is
-- persisted as it goes, so a run that a restart interrupts continues from there.
CREATE TABLE verification_job (
    id                uuid        PRIMARY KEY,
    state             text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    requested_by      text        NOT NULL,
    requested_at      timestamptz NOT NULL,
    known_checkpoints text[]      NOT NULL,
    started_at        timestamptz,
    -- when the run last (re)started, and from which position: the rate is measured from there
    resumed_at        timestamptz,
    resumed_from      bigint      CHECK (resumed_from >= 0),
    finished_at       timestamptz,
    total             bigint      CHECK (total >= 0),
    checked           bigint      NOT NULL DEFAULT 0 CHECK (checked >= 0),
    progress          jsonb,
    result            jsonb,
    error             text
);

CREATE UNIQUE INDEX verification_job_one_active ON verification_job ((true)) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX verification_job_requested ON verification_job (requested_at DESC);

GRANT SELECT, INSERT, UPDATE ON verification_job TO "${appRole}";
