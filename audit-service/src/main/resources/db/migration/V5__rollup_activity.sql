-- The statistics count user-data access and governance activity apart: an entry that names at least one data
-- category is user-data access ('ACCESS'), one that names none is governance activity ('GOVERNANCE': record keeping,
-- such as reads and writes of partnership records and regulators' downloads). The rollups carry the activity in
-- their key so both are read from rows of their own. Derived like everything in V2, so the rollup tables are made
-- again with the new key, and every other derived row is cleared too: the worker derives everything from the log
-- again on its first pass, as after a rebuild.
DROP TABLE stats_rollup_month;
DROP TABLE stats_rollup;

CREATE TABLE stats_rollup (
    partnership_id  uuid   NOT NULL,
    day             date   NOT NULL,
    activity        text   NOT NULL CHECK (activity IN ('ACCESS', 'GOVERNANCE')),
    dim             text   NOT NULL,
    value           text   NOT NULL,
    events          bigint NOT NULL,
    records         bigint NOT NULL,
    subjects        bytea  NOT NULL,
    PRIMARY KEY (partnership_id, day, activity, dim, value)
);
CREATE INDEX stats_rollup_day ON stats_rollup (dim, activity, day);
ALTER TABLE stats_rollup ALTER COLUMN subjects SET STORAGE EXTERNAL;
CREATE TABLE stats_rollup_month (LIKE stats_rollup INCLUDING ALL);
ALTER TABLE stats_rollup_month ALTER COLUMN subjects SET STORAGE EXTERNAL;

DELETE FROM exposure_rollup;
DELETE FROM exposure_rollup_month;
DELETE FROM violation;
DELETE FROM verdict_pending;
DELETE FROM authority_request;
DELETE FROM subject;
DELETE FROM analytics_quarantine;
UPDATE analytics_cursor SET next_seq = 0;

REVOKE ALL ON stats_rollup, stats_rollup_month FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON stats_rollup, stats_rollup_month TO "${appRole}";
