package dev.sightline.disclosure.disclosures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("sightline.test.db.url", String.class);
        try (Connection app = DriverManager.getConnection(url, ROLE, ROLE);
                Statement statement = app.createStatement()) {
            ResultSet user = statement.executeQuery("SELECT current_user");
            assertTrue(user.next());
            assertEquals(ROLE, user.getString(1), "logged in as the service's role");
            for (String change : List.of(
                    "ALTER TABLE disclosure.disclosure DISABLE TRIGGER disclosure_immutable",
                    "ALTER TABLE disclosure.disclosure DISABLE TRIGGER ALL",
                    "DROP TRIGGER disclosure_immutable ON disclosure.disclosure",
                    "TRUNCATE disclosure.disclosure",
                    "DELETE FROM disclosure.audit_outbox",
                    "SET session_replication_role = replica")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
            }
        }
        try (Connection owner = DriverManager.getConnection(url,
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
                Statement statement = owner.createStatement();
                ResultSet role = statement.executeQuery("SELECT r.rolsuper, pg_get_userbyid(c.relowner) "
                        + "FROM pg_roles r, pg_class c WHERE r.rolname = '" + ROLE + "' "
                        + "AND c.oid = 'disclosure.disclosure'::regclass")) {
            assertTrue(role.next());
            assertFalse(role.getBoolean(1), "no superuser");
            assertFalse(ROLE.equals(role.getString(2)), "not the owner");
        }
    }
}
