package dev.sightline.support.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks of what a service's run-time role may do in the test database of a {@code @QuarkusTest} that runs with
 * {@link PostgresTestResource#APP_ROLE}: the role's password is its name.
 */
public final class DatabaseRoles {
    private DatabaseRoles() {
    }

    /** A connection as the role, checked to be logged in as it. */
    public static Connection connectAs(String role) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("sightline.test.db.url", String.class);
        Connection connection = DriverManager.getConnection(url, role, role);
        try (Statement statement = connection.createStatement();
                ResultSet user = statement.executeQuery("SELECT current_user")) {
            assertTrue(user.next());
            assertEquals(role, user.getString(1), "logged in as the service's role");
        }
        return connection;
    }

    /** Each statement is refused for want of privilege (SQLSTATE 42501), not for any other reason. */
    public static void assertRefused(Statement statement, List<String> changes) {
        for (String change : changes) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
            assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
        }
    }

    /** The role is no superuser and does not own the table (schema-qualified). */
    public static void assertNeitherSuperuserNorOwner(String role, String table) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection owner = DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
                Statement statement = owner.createStatement();
                ResultSet facts = statement.executeQuery("SELECT r.rolsuper, pg_get_userbyid(c.relowner) "
                        + "FROM pg_roles r, pg_class c WHERE r.rolname = '" + role + "' "
                        + "AND c.oid = '" + table + "'::regclass")) {
            assertTrue(facts.next(), "role " + role + " and table " + table + " exist");
            assertFalse(facts.getBoolean(1), "no superuser");
            assertFalse(role.equals(facts.getString(2)), "not the owner");
        }
    }
}
