-- What the company did about a kind of violation in a partnership, as an auditor recorded it. Every change is a new
-- revision; nothing is updated or deleted, so the history stays as it was written (the same triggers as the log's).
-- Each revision names the log entry (a governance WRITE) that records who wrote it and when.
CREATE TABLE remediation (
    id              uuid        PRIMARY KEY,
    partnership_id  uuid        NOT NULL,
    kind            text        NOT NULL,
    revision        integer     NOT NULL CHECK (revision >= 1),
    status          text        NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'REMEDIATED', 'DISPUTED')),
    text            text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    log_seq         bigint      NOT NULL,
    UNIQUE (partnership_id, kind, revision)
);
CREATE INDEX remediation_recorded ON remediation (recorded_at DESC, id DESC);
CREATE INDEX remediation_partnership ON remediation (partnership_id, kind, log_seq);

CREATE TRIGGER remediation_no_change BEFORE UPDATE OR DELETE ON remediation
    FOR EACH ROW EXECUTE FUNCTION reject_log_change();
CREATE TRIGGER remediation_no_truncate BEFORE TRUNCATE ON remediation
    FOR EACH STATEMENT EXECUTE FUNCTION reject_log_change();
ALTER TABLE remediation ENABLE ALWAYS TRIGGER remediation_no_change;
ALTER TABLE remediation ENABLE ALWAYS TRIGGER remediation_no_truncate;

REVOKE ALL ON remediation FROM "${appRole}";
GRANT SELECT, INSERT ON remediation TO "${appRole}";
