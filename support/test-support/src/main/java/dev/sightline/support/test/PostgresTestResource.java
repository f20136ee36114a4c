package dev.sightline.support.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the service under test at a real, clean PostgreSQL (see {@link TestDatabase}). The
 * database lives as long as the test JVM, so the Quarkus restarts between test profiles reuse it.
 * Flyway migrates as the database owner; with the init argument {@code appRole} the service itself
 * runs as that login role (created here), so tests see the privileges production has. Tests that
 * need to reach past the service (tampering, privilege checks) read {@code sightline.test.db.*}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String APP_ROLE = "appRole";
    private String appRole;

    @Override
    public void init(Map<String, String> initArgs) {
        appRole = initArgs.get(APP_ROLE);
    }

    @Override
    public Map<String, String> start() {
        TestDatabase database = TestDatabase.shared();
        // Quarkus reads an empty value as unset, and Flyway then falls back to the service's own
        // role; a password-less (trust) server accepts any password, so give it one.
        String password = database.password().isEmpty() ? "trust" : database.password();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.flyway.username", database.user());
        config.put("quarkus.flyway.password", password);
        if (appRole == null) {
            config.put("quarkus.datasource.username", database.user());
            config.put("quarkus.datasource.password", password);
        } else {
            database.ensureLoginRole(appRole);
            config.put("quarkus.datasource.username", appRole);
            config.put("quarkus.datasource.password", appRole);
            config.put("quarkus.flyway.placeholders.appRole", appRole);
        }
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("sightline.test.db.url", database.jdbcUrl());
        config.put("sightline.test.db.user", database.user());
        config.put("sightline.test.db.password", password);
        return config;
    }

    @Override
    public void stop() {
        // The database outlives one Quarkus start; TestDatabase drops it when the JVM exits.
    }
}
