-- Disclosures: a DRAFT may be regenerated; once PUBLISHED its content never changes, and the only changes left
-- are the move to SUPERSEDED (by a correction) or WITHDRAWN. The trigger below holds that line for every role,
-- whatever the service does.
CREATE TABLE disclosure (
    id                uuid        PRIMARY KEY,
    jurisdiction      text        NOT NULL,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL CHECK (period_end > period_start),
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'SUPERSEDED', 'WITHDRAWN')),
    version           integer     NOT NULL CHECK (version >= 1),
    template          text        NOT NULL,
    template_version  text        NOT NULL,
    rule_set          text        NOT NULL,
    partnership_ids   uuid[]      NOT NULL,
    checkpoint_size   bigint      NOT NULL,
    previous_id       uuid,
    report            bytea       NOT NULL,
    digest            char(64)    NOT NULL,
    signature         text,
    key_id            text,
    authored_by       text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    published_by      text,
    published_at      timestamptz,
    supersedes        uuid REFERENCES disclosure (id),
    superseded_by     uuid REFERENCES disclosure (id),
    withdrawn_by      text,
    withdrawn_at      timestamptz,
    withdrawal_reason text,
    CHECK (status = 'DRAFT' OR (signature IS NOT NULL AND key_id IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX disclosure_listing ON disclosure (jurisdiction, status, period_start);
-- At most one disclosure supersedes another, and one published-and-current disclosure per correction chain.
CREATE UNIQUE INDEX disclosure_supersedes ON disclosure (supersedes) WHERE supersedes IS NOT NULL AND status <> 'DRAFT';

CREATE FUNCTION disclosure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'disclosure % is %: published disclosures are never deleted', OLD.id, OLD.status
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.jurisdiction IS DISTINCT FROM OLD.jurisdiction
            OR NEW.period_start IS DISTINCT FROM OLD.period_start OR NEW.period_end IS DISTINCT FROM OLD.period_end
            OR NEW.version IS DISTINCT FROM OLD.version OR NEW.template IS DISTINCT FROM OLD.template
            OR NEW.template_version IS DISTINCT FROM OLD.template_version OR NEW.rule_set IS DISTINCT FROM OLD.rule_set
            OR NEW.partnership_ids IS DISTINCT FROM OLD.partnership_ids
            OR NEW.checkpoint_size IS DISTINCT FROM OLD.checkpoint_size
            OR NEW.previous_id IS DISTINCT FROM OLD.previous_id OR NEW.report IS DISTINCT FROM OLD.report
            OR NEW.digest IS DISTINCT FROM OLD.digest OR NEW.signature IS DISTINCT FROM OLD.signature
            OR NEW.key_id IS DISTINCT FROM OLD.key_id OR NEW.authored_by IS DISTINCT FROM OLD.authored_by
            OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.published_by IS DISTINCT FROM OLD.published_by
            OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.supersedes IS DISTINCT FROM OLD.supersedes THEN
        RAISE EXCEPTION 'disclosure % is %: its content never changes', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'SUPERSEDED' AND NEW.superseded_by IS NOT NULL
            AND NEW.withdrawn_at IS NULL THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'WITHDRAWN' AND NEW.withdrawn_at IS NOT NULL
            AND NEW.withdrawal_reason IS NOT NULL AND NEW.superseded_by IS NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'disclosure % is %: the only changes left are PUBLISHED to SUPERSEDED or WITHDRAWN', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER disclosure_immutable BEFORE UPDATE OR DELETE ON disclosure
    FOR EACH ROW EXECUTE FUNCTION disclosure_guard();

-- Regulators' downloads, as audit-service events waiting for delivery (one per partnership in the disclosure).
CREATE TABLE audit_outbox (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    audit_seq       bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX audit_outbox_due ON audit_outbox (next_attempt_at, position) WHERE status = 'PENDING';
