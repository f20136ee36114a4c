package dev.sightline.disclosure.disclosures;


import static dev.sightline.support.test.DatabaseRoles.assertNeitherSuperuserNorOwner;
import static dev.sightline.support.test.DatabaseRoles.assertRefused;
import static dev.sightline.support.test.DatabaseRoles.connectAs;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service runs as disclosure_app, not as the owner Flyway migrates with (every test of this module does): that
 * role cannot switch off the trigger that keeps published disclosures as they are, nor empty the tables.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
class DatabaseRoleTest {
    private static final String ROLE = "disclosure_app";

    @Test
    void theServiceRoleCannotSwitchTheImmutabilityTriggerOff() throws SQLException {
        try (Connection app = connectAs(ROLE); Statement statement = app.createStatement()) {
            assertRefused(statement, List.of(
                    "ALTER TABLE disclosure.disclosure DISABLE TRIGGER disclosure_immutable",
                    "ALTER TABLE disclosure.disclosure DISABLE TRIGGER ALL",
                    "DROP TRIGGER disclosure_immutable ON disclosure.disclosure",
                    "TRUNCATE disclosure.disclosure",
                    "DELETE FROM disclosure.audit_outbox",
                    "SET session_replication_role = replica"));
        }
        assertNeitherSuperuserNorOwner(ROLE, "disclosure.disclosure");
    }
}
