-- Audit events about reads and writes of partnership records, written in the transaction of the
-- access itself and delivered to the audit-service by the relay (OutboxRelay).
-- PENDING: not yet acknowledged; SENT: the audit-service stored it (audit_seq is its log position);
-- FAILED: the audit-service refused this one event as invalid (a bug to fix, kept for replay).
CREATE TABLE audit_outbox (
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

CREATE INDEX audit_outbox_due_idx ON audit_outbox (next_attempt_at, position) WHERE status = 'PENDING';
