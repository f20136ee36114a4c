-- The threshold rules count a subject by its recorded region where the event has one (a US person, a PRC
-- individual), and by the partnership's markets only where it has none: the exposure rollups carry the subject's
-- country in their key ('' when not recorded). Remote access from abroad is a transfer too, so an entry's exposure
-- is keyed by each country the data reached (where it was processed and where it was accessed from).
--
-- A threshold crossing that the partnership's recorded transfer mechanisms do not cover is a violation of its own
-- kind (VOLUME_NOT_COVERED); volume_crossing remembers which crossings were recorded, once per policy revision and
-- calendar window.
--
-- Derived like everything in V2: the rollups are made again with the new key and every derived row is cleared,
-- the persisted policy revisions too (they now carry the recorded transfers), so the worker derives everything
-- from the log again on its first pass, as after a rebuild.
DROP TABLE exposure_rollup_month;
DROP TABLE exposure_rollup;

CREATE TABLE exposure_rollup (
    partnership_id   uuid    NOT NULL,
    partner_id       uuid    NOT NULL,
    partner_covered  boolean NOT NULL,
    markets          text    NOT NULL,
    day              date    NOT NULL,
    category         text    NOT NULL,
    mode             text    NOT NULL,
    country          char(2) NOT NULL,
    region           text    NOT NULL,
    subjects         bytea   NOT NULL,
    PRIMARY KEY (day, partnership_id, partner_id, partner_covered, markets, category, mode, country, region)
);
ALTER TABLE exposure_rollup ALTER COLUMN subjects SET STORAGE EXTERNAL;
CREATE TABLE exposure_rollup_month (LIKE exposure_rollup INCLUDING ALL);
ALTER TABLE exposure_rollup_month ALTER COLUMN subjects SET STORAGE EXTERNAL;

CREATE TABLE volume_crossing (
    partnership_id   uuid        NOT NULL,
    regime           text        NOT NULL,
    category         text        NOT NULL,
    threshold        bigint      NOT NULL,
    consequence      text        NOT NULL,
    window_key       text        NOT NULL,
    policy_revision  integer     NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partnership_id, regime, category, threshold, window_key, policy_revision)
);

-- The crossings are evaluated behind the verdict stage on a cursor of their own.
ALTER TABLE analytics_cursor DROP CONSTRAINT analytics_cursor_stage_check;
ALTER TABLE analytics_cursor ADD CONSTRAINT analytics_cursor_stage_check
    CHECK (stage IN ('rollup', 'verdict', 'crossing'));
INSERT INTO analytics_cursor VALUES ('crossing', 0);

DELETE FROM stats_rollup;
DELETE FROM stats_rollup_month;
DELETE FROM violation;
DELETE FROM verdict_pending;
DELETE FROM authority_request;
DELETE FROM subject;
DELETE FROM analytics_quarantine;
DELETE FROM policy_revision;
UPDATE analytics_cursor SET next_seq = 0;

REVOKE ALL ON exposure_rollup, exposure_rollup_month, volume_crossing FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON exposure_rollup, exposure_rollup_month, volume_crossing TO "${appRole}";
