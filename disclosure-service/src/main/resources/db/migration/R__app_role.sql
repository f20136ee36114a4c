-- The service runs as its own role (the placeholder appRole: DB_USER), not as the owner that migrates. It writes
-- drafts and may discard them; disclosure_immutable keeps a published disclosure as it is, and only the owner could
-- switch it off. A table a later migration adds is the service's only once granted here.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${appRole}";
GRANT SELECT, INSERT, UPDATE, DELETE ON disclosure TO "${appRole}";
GRANT SELECT, INSERT, UPDATE ON audit_outbox TO "${appRole}";
