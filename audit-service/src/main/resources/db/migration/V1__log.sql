-- The append-only access log. Each row is one entry: the event a client posted plus the server's
-- receivedAt, kept as the exact RFC 8785 canonical JSON that is the Merkle leaf (entry), with the
-- fields that queries filter on copied into columns.
CREATE TABLE log_entry (
    seq                bigint      PRIMARY KEY CHECK (seq >= 0),
    event_id           uuid        NOT NULL UNIQUE,
    partnership_id     uuid        NOT NULL,
    occurred_at        timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    actor_type         text        NOT NULL,
    actor_id           text        NOT NULL,
    action             text        NOT NULL,
    feature            text,
    data_categories    text[]      NOT NULL,
    record_count       bigint      NOT NULL,
    subject_ref        text,
    processing_mode    text        NOT NULL,
    processing_country char(2)     NOT NULL,
    purpose            text        NOT NULL,
    outcome            text        NOT NULL,
    entry              text        NOT NULL,
    leaf_hash          bytea       NOT NULL CHECK (length(leaf_hash) = 32)
);

CREATE INDEX log_entry_partnership ON log_entry (partnership_id, seq);

-- Hashes of the perfect subtrees of height 8 and above (leaves [index * 2^level, (index + 1) * 2^level)).
-- Lower levels are recomputed from at most 256 leaf hashes, so proofs stay O(log n) at any size.
CREATE TABLE merkle_node (
    level  smallint NOT NULL CHECK (level >= 8 AND level < 64),
    idx    bigint   NOT NULL CHECK (idx >= 0),
    hash   bytea    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Signed tree heads: the C2SP checkpoint body signed as a C2SP signed note.
CREATE TABLE checkpoint (
    tree_size  bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash  bytea       NOT NULL CHECK (length(root_hash) = 32),
    note       text        NOT NULL,
    key_id     text        NOT NULL,
    signed_at  timestamptz NOT NULL
);

-- Append-only for every role, the owner and superusers included. ENABLE ALWAYS keeps the triggers
-- firing under session_replication_role = replica, which would otherwise skip them.
CREATE FUNCTION reject_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['log_entry', 'merkle_node', 'checkpoint'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION reject_log_change()',
                t || '_no_change', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change()',
                t || '_no_truncate', t);
        EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_no_change');
        EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_no_truncate');
    END LOOP;
END;
$$;

-- The application's role may read and append, nothing else (even when it is also the owner).
REVOKE ALL ON log_entry, merkle_node, checkpoint FROM PUBLIC;
REVOKE ALL ON log_entry, merkle_node, checkpoint FROM "${appRole}";
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${appRole}";
GRANT SELECT, INSERT ON log_entry, merkle_node, checkpoint TO "${appRole}";
