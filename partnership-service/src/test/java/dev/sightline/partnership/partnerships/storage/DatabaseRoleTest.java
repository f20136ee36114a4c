package dev.sightline.partnership.partnerships.storage;

import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.partnership.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service runs as partnership_app, not as the owner Flyway migrates with (every test of this module does): that
 * role may add to the revision history but neither change it nor switch its triggers off.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
@TestSecurity(user = "alice", roles = "partnership-manager")
class DatabaseRoleTest {
    private static final String ROLE = "partnership_app";

    @Test
    void theServiceRoleCannotChangeTheRevisionHistoryNorSwitchItsTriggersOff() throws SQLException {
        createPartnership(createPartner("CN"));
        try (Connection app = connectAsServiceRole(); Statement statement = app.createStatement()) {
            assertTrue(statement.executeQuery("SELECT count(*) FROM partnership.partnership_revision").next());
            for (String change : List.of(
                    "UPDATE partnership.partnership_revision SET reason = 'rewritten'",
                    "DELETE FROM partnership.partnership_revision",
                    "TRUNCATE partnership.partnership_revision",
                    "ALTER TABLE partnership.partnership_revision "
                            + "DISABLE TRIGGER partnership_revision_no_update_or_delete",
                    "ALTER TABLE partnership.partnership_revision DISABLE TRIGGER ALL",
                    "DROP TRIGGER partnership_revision_no_truncate ON partnership.partnership_revision",
                    "DELETE FROM partnership.partnership",
                    "DELETE FROM partnership.audit_outbox",
                    "SET session_replication_role = replica")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
            }
        }
        try (Connection owner = Fixtures.connect(); Statement statement = owner.createStatement();
                ResultSet role = statement.executeQuery("SELECT r.rolsuper, pg_get_userbyid(c.relowner) "
                        + "FROM pg_roles r, pg_class c WHERE r.rolname = '" + ROLE + "' "
                        + "AND c.oid = 'partnership.partnership_revision'::regclass")) {
            assertTrue(role.next());
            assertFalse(role.getBoolean(1), "no superuser");
            assertFalse(ROLE.equals(role.getString(2)), "not the owner");
        }
    }

    private static Connection connectAsServiceRole() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("sightline.test.db.url", String.class);
        Connection connection = DriverManager.getConnection(url, ROLE, ROLE);
        try (Statement statement = connection.createStatement();
                ResultSet user = statement.executeQuery("SELECT current_user")) {
            user.next();
            assertEquals(ROLE, user.getString(1), "logged in as the service's role");
        }
        return connection;
    }
}
