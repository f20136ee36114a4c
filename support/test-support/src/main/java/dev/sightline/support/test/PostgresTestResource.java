package dev.sightline.support.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test at a real, clean PostgreSQL (see {@link TestDatabase}). The
 * database lives as long as the test JVM, so the Quarkus restarts between test profiles reuse it.
 * Tests that need to reach past the service (tampering, privilege checks) read the
 * {@code sightline.test.db.*} properties.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        TestDatabase database = TestDatabase.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "sightline.test.db.url", database.jdbcUrl(),
                "sightline.test.db.user", database.user(),
                "sightline.test.db.password", database.password());
    }

    @Override
    public void stop() {
        // The database outlives one Quarkus start; TestDatabase drops it when the JVM exits.
    }
}
