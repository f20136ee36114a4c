-- Everything here is derived from the log and can be rebuilt from it (POST /api/v1/verdicts/rebuild): unlike
-- the log tables these are not append-only, and the application's role may change them.

-- How far each stage of the analytics worker has read the log: every entry with seq < next_seq is done. The
-- worker only ever stops at the size of a signed checkpoint, so figures can cite it.
CREATE TABLE analytics_cursor (
    stage     text   PRIMARY KEY CHECK (stage IN ('rollup', 'verdict')),
    next_seq  bigint NOT NULL CHECK (next_seq >= 0)
);
INSERT INTO analytics_cursor VALUES ('rollup', 0), ('verdict', 0);

-- Pseudonymous subject references numbered densely, so per-day sets of subjects are small bitmaps.
CREATE TABLE subject (
    id   integer PRIMARY KEY CHECK (id >= 0),
    ref  text    NOT NULL UNIQUE
);

-- Exact per-day rollup: per partnership, UTC day and dimension value, the events, records and the set of
-- subjects (a serialized Roaring bitmap of subject ids). dim '*' with value '*' holds the day's totals.
CREATE TABLE stats_rollup (
    partnership_id  uuid   NOT NULL,
    day             date   NOT NULL,
    dim             text   NOT NULL,
    value           text   NOT NULL,
    events          bigint NOT NULL,
    records         bigint NOT NULL,
    subjects        bytea  NOT NULL,
    PRIMARY KEY (partnership_id, day, dim, value)
);
CREATE INDEX stats_rollup_day ON stats_rollup (dim, day);
-- Bitmaps do not compress; keep them out of pglz.
ALTER TABLE stats_rollup ALTER COLUMN subjects SET STORAGE EXTERNAL;

-- Exact per-day exposure rollup for the threshold rules: who, by category, went where, with the counterparty
-- and markets of the policy revision in force when it happened. Rule-independent: rules filter it at query time.
CREATE TABLE exposure_rollup (
    partnership_id   uuid    NOT NULL,
    partner_id       uuid    NOT NULL,
    partner_covered  boolean NOT NULL,
    markets          text    NOT NULL,
    day              date    NOT NULL,
    category         text    NOT NULL,
    mode             text    NOT NULL,
    country          char(2) NOT NULL,
    subjects         bytea   NOT NULL,
    PRIMARY KEY (day, partnership_id, partner_id, partner_covered, markets, category, mode, country)
);
ALTER TABLE exposure_rollup ALTER COLUMN subjects SET STORAGE EXTERNAL;

-- The policy revisions the verdict stage has fetched from the partnership-service: the persisted form of its
-- cache. valid_until is the next revision's start, or, for the current revision, the time it was fetched.
CREATE TABLE policy_revision (
    partnership_id  uuid        NOT NULL,
    valid_from      timestamptz NOT NULL,
    valid_until     timestamptz,
    current         boolean     NOT NULL,
    revision        integer,
    partner_id      uuid,
    partner_covered boolean     NOT NULL,
    markets         text        NOT NULL,
    document        text        NOT NULL,
    PRIMARY KEY (partnership_id, valid_from)
);

-- One row per violation found; an entry judged without violations has no row.
CREATE TABLE violation (
    seq             bigint      NOT NULL,
    kind            text        NOT NULL,
    detail          text        NOT NULL,
    partnership_id  uuid        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    policy_revision integer,
    PRIMARY KEY (seq, kind)
);
CREATE INDEX violation_partnership ON violation (partnership_id, seq);
CREATE INDEX violation_kind ON violation (kind, seq);
CREATE INDEX violation_occurred ON violation (occurred_at, seq);

-- Entries whose policy could not be fetched yet (partnership-service down, or a revision not yet known);
-- retried until judged.
CREATE TABLE verdict_pending (
    seq              bigint      PRIMARY KEY,
    partnership_id   uuid        NOT NULL,
    attempts         integer     NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text
);
CREATE INDEX verdict_pending_due ON verdict_pending (next_attempt_at);

-- The register of authority data requests.
CREATE TABLE authority_request (
    seq               bigint      PRIMARY KEY,
    partnership_id    uuid        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    authority_name    text        NOT NULL,
    authority_country char(2)     NOT NULL,
    legal_instrument  text        NOT NULL,
    disposition       text        NOT NULL
);
CREATE INDEX authority_request_occurred ON authority_request (occurred_at);

-- Partial days at the edges of a period are counted from the log itself.
CREATE INDEX log_entry_occurred ON log_entry (occurred_at);

REVOKE ALL ON analytics_cursor, subject, stats_rollup, exposure_rollup, policy_revision, violation, verdict_pending,
        authority_request FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_cursor, subject, stats_rollup, exposure_rollup, policy_revision,
        violation, verdict_pending, authority_request TO "${appRole}";
