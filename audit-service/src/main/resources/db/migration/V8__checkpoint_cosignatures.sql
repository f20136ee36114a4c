-- Witnesses' cosignatures (C2SP tlog-cosignature, cosignature/v1) of signed checkpoints, each verified with the
-- witness's configured key before it is stored. Append-only like the log itself. tree_size names a row of
-- checkpoint; no foreign key, so that TRUNCATE checkpoint meets the append-only trigger, not the constraint.
CREATE TABLE checkpoint_cosignature (
    tree_size    bigint      NOT NULL CHECK (tree_size >= 0),
    witness      text        NOT NULL,
    key_name     text        NOT NULL,
    key_id       text        NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
    signature    text        NOT NULL,
    cosigned_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (tree_size, key_name, key_id)
);

CREATE TRIGGER checkpoint_cosignature_no_change BEFORE UPDATE OR DELETE ON checkpoint_cosignature
    FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER checkpoint_cosignature_no_truncate BEFORE TRUNCATE ON checkpoint_cosignature
    FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();
ALTER TABLE checkpoint_cosignature ENABLE ALWAYS TRIGGER checkpoint_cosignature_no_change;
ALTER TABLE checkpoint_cosignature ENABLE ALWAYS TRIGGER checkpoint_cosignature_no_truncate;

REVOKE ALL ON checkpoint_cosignature FROM PUBLIC;
REVOKE ALL ON checkpoint_cosignature FROM "${appRole}";
GRANT SELECT, INSERT ON checkpoint_cosignature TO "${appRole}";
