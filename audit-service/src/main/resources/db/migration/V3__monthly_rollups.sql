-- Monthly rollups beside the daily ones: the same exact figures for each whole UTC calendar month (day = the
-- month's first day), kept by the worker in the same transaction as the daily rows. A year's statistics then
-- unite 12 bitmaps per group instead of 365. Derived like everything in V2, so they start empty and the worker
-- derives them (and every other derived row, to keep both granularities in step) from the log again.
CREATE TABLE stats_rollup_month (LIKE stats_rollup INCLUDING ALL);
ALTER TABLE stats_rollup_month ALTER COLUMN subjects SET STORAGE EXTERNAL;
CREATE TABLE exposure_rollup_month (LIKE exposure_rollup INCLUDING ALL);
ALTER TABLE exposure_rollup_month ALTER COLUMN subjects SET STORAGE EXTERNAL;

DELETE FROM stats_rollup;
DELETE FROM exposure_rollup;
DELETE FROM violation;
DELETE FROM verdict_pending;
DELETE FROM authority_request;
UPDATE analytics_cursor SET next_seq = 0;

REVOKE ALL ON stats_rollup_month, exposure_rollup_month FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON stats_rollup_month, exposure_rollup_month TO "${appRole}";
