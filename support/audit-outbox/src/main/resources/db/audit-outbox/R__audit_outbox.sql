-- The audit outbox of the service's schema (dev.sightline.support.outbox): audit events written in the
-- transaction of the access itself and delivered to the audit-service by the relay (OutboxRelay).
-- PENDING: not yet acknowledged; SENT: the audit-service stored it (audit_seq is its log position);
-- FAILED: the audit-service refused this one event as invalid (a bug to fix, kept for replay).
--
-- A repeatable migration: Flyway applies it after the service's versioned migrations, and again whenever this
-- file changes, so every statement must be idempotent. It creates the table on a fresh schema and brings a
-- table that an earlier versioned migration of the service created to this one shape.
CREATE TABLE IF NOT EXISTS audit_outbox (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    partnership_id  uuid        NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    audit_seq       bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

-- Every event names its partnership; tables created without the column take it from the payload.
ALTER TABLE audit_outbox ADD COLUMN IF NOT EXISTS partnership_id uuid;
UPDATE audit_outbox SET partnership_id = (payload ->> 'partnershipId')::uuid WHERE partnership_id IS NULL;
ALTER TABLE audit_outbox ALTER COLUMN partnership_id SET NOT NULL;

-- The relay's claim: due PENDING events, oldest first.
ALTER INDEX IF EXISTS audit_outbox_due_idx RENAME TO audit_outbox_due;
CREATE INDEX IF NOT EXISTS audit_outbox_due ON audit_outbox (next_attempt_at, position) WHERE status = 'PENDING';
