-- Optional event fields regulators ask for, copied from the entry into columns (null when the event has none):
-- the AI model and version that served the request, the country the partner accessed the data from, and the
-- data subject's coarse region (a country, or US-XX for a US state). Adding nullable columns rewrites no row.
ALTER TABLE log_entry
    ADD COLUMN model_name     text,
    ADD COLUMN model_version  text,
    ADD COLUMN access_country char(2),
    ADD COLUMN subject_region text;

-- Entries a stage of the analytics worker could not derive (their row cannot be read or classified). The worker
-- records why and goes on past them; every figure that covers such an entry states how many it left out. Derived
-- like the other analytics tables: a rebuild drops it and the worker finds the same entries again.
CREATE TABLE analytics_quarantine (
    seq            bigint      PRIMARY KEY,
    stage          text        NOT NULL,
    reason         text        NOT NULL,
    quarantined_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_quarantine TO "${appRole}";
