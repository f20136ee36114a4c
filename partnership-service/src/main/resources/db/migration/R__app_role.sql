-- The service runs as its own role (the placeholder appRole: DB_USER), not as the owner that migrates: it reads and
-- keeps the current state and the audit outbox, and may only add to the revision history, whose triggers only the
-- owner could switch off. A table a later migration adds is the service's only once granted here.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${appRole}";
GRANT SELECT, INSERT, UPDATE ON partner, partnership, audit_outbox TO "${appRole}";
GRANT SELECT, INSERT ON partnership_revision TO "${appRole}";
