-- The current state of each partnership: the full record as JSON plus the columns lists filter on.
-- `revision` doubles as the optimistic-locking version (ETag): every change creates revision n + 1.
CREATE TABLE partnership (
    id              uuid PRIMARY KEY,
    reference       text        NOT NULL,
    title           text        NOT NULL,
    partner_id      uuid        NOT NULL REFERENCES partner (id),
    status          text        NOT NULL,
    markets         varchar[]   NOT NULL,
    risk_classes    varchar[]   NOT NULL,
    effective_from  date,
    effective_to    date,
    revision        integer     NOT NULL,
    submitted_by    text,
    document        jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    CONSTRAINT partnership_status_check CHECK (status IN
        ('DRAFT', 'UNDER_REVIEW', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED'))
);

CREATE UNIQUE INDEX partnership_reference_key ON partnership (reference);
CREATE INDEX partnership_listing_idx ON partnership (created_at, id);
CREATE INDEX partnership_partner_idx ON partnership (partner_id);
CREATE INDEX partnership_markets_idx ON partnership USING gin (markets);

-- Every state a partnership has ever had, never changed once written: "what was agreed on 1 March"
-- is the latest revision whose valid_from is not after that instant.
CREATE TABLE partnership_revision (
    id              uuid PRIMARY KEY,
    partnership_id  uuid        NOT NULL REFERENCES partnership (id),
    revision        integer     NOT NULL,
    valid_from      timestamptz NOT NULL,
    actor           text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'TRANSITIONED')),
    summary         text        NOT NULL,
    reason          text,
    changed_fields  text[]      NOT NULL,
    snapshot        jsonb       NOT NULL,
    CONSTRAINT partnership_revision_number_key UNIQUE (partnership_id, revision),
    CONSTRAINT partnership_revision_time_key UNIQUE (partnership_id, valid_from)
);

CREATE FUNCTION partnership_revision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'partnership revisions are immutable (% refused)', TG_OP;
END
$$;

CREATE TRIGGER partnership_revision_no_update_or_delete
    BEFORE UPDATE OR DELETE ON partnership_revision
    FOR EACH ROW EXECUTE FUNCTION partnership_revision_immutable();

CREATE TRIGGER partnership_revision_no_truncate
    BEFORE TRUNCATE ON partnership_revision
    FOR EACH STATEMENT EXECUTE FUNCTION partnership_revision_immutable();
