package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log tables refuse change in the database itself, for the service's role and for superusers; the service's role
 * may read and append, nothing else, and cannot switch the triggers off.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
class AppendOnlyTest {
    private static final List<String> CHANGES = List.of(
            "UPDATE audit.%s SET %s",
            "DELETE FROM audit.%s",
            "TRUNCATE audit.%s");

    @BeforeEach
    void logHasEntriesNodesAndCheckpoints() {
        Fixtures.append(Fixtures.events(300));
        io.restassured.RestAssured.given().post("/api/v1/checkpoints").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "log_entry", "merkle_node", "checkpoint", "checkpoint_cosignature" })
    void theServiceRoleMayOnlyReadAndAppend(String table) throws SQLException {
        try (Connection app = Fixtures.appRole(); Statement statement = app.createStatement()) {
            statement.execute("SET search_path = audit");
            assertTrue(statement.executeQuery("SELECT count(*) FROM " + table).next());
            for (String change : CHANGES) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> statement.execute(change.formatted(table, assignment(table))), change);
                assertEquals("42501", refused.getSQLState(), "permission denied: " + refused.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "log_entry", "merkle_node", "checkpoint", "checkpoint_cosignature" })
    void theServiceRoleCannotSwitchTheTriggersOffNorTakeTheTableOver(String table) throws SQLException {
        try (Connection app = Fixtures.appRole(); Statement statement = app.createStatement()) {
            for (String trigger : List.of(table + "_no_change", table + "_no_truncate")) {
                for (String change : List.of("ALTER TABLE audit.%s DISABLE TRIGGER %s",
                        "ALTER TABLE audit.%s DISABLE TRIGGER ALL", "DROP TRIGGER %2$s ON audit.%1$s",
                        "ALTER TABLE audit.%s OWNER TO audit_app")) {
                    SQLException refused = assertThrows(SQLException.class,
                            () -> statement.execute(change.formatted(table, trigger)), change);
                    assertEquals("42501", refused.getSQLState(), "must be owner: " + refused.getMessage());
                }
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("SET session_replication_role = replica"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
        try (Connection superuser = Fixtures.superuser(); Statement statement = superuser.createStatement()) {
            ResultSet role = statement.executeQuery("SELECT r.rolsuper, r.rolcreaterole, r.rolbypassrls, "
                    + "pg_get_userbyid(c.relowner) FROM pg_roles r, pg_class c WHERE r.rolname = 'audit_app' "
                    + "AND c.oid = 'audit." + table + "'::regclass");
            assertTrue(role.next());
            assertFalse(role.getBoolean(1), "the service's role is no superuser");
            assertFalse(role.getBoolean(2), "the service's role cannot create roles");
            assertFalse(role.getBoolean(3), "the service's role does not bypass row security");
            assertNotEquals("audit_app", role.getString(4), "the service's role does not own " + table);
            ResultSet rights = statement.executeQuery("SELECT has_table_privilege('audit_app', 'audit." + table
                    + "', 'UPDATE'), has_table_privilege('audit_app', 'audit." + table + "', 'DELETE'), "
                    + "has_table_privilege('audit_app', 'audit." + table + "', 'TRUNCATE'), "
                    + "has_table_privilege('audit_app', 'audit." + table + "', 'TRIGGER')");
            assertTrue(rights.next());
            for (int i = 1; i <= 4; i++) {
                assertFalse(rights.getBoolean(i), "privilege " + i + " of UPDATE, DELETE, TRUNCATE, TRIGGER");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "log_entry", "merkle_node", "checkpoint" })
    void triggersRefuseChangeEvenToSuperusersAndInReplicaMode(String table) throws SQLException {
        for (String mode : List.of("origin", "replica")) {
            try (Connection superuser = Fixtures.superuser(); Statement statement = superuser.createStatement()) {
                statement.execute("SET session_replication_role = " + mode);
                long before = rows(statement, table);
                for (String change : CHANGES) {
                    SQLException refused = assertThrows(SQLException.class,
                            () -> statement.execute(change.formatted(table, assignment(table))), mode + ": " + change);
                    assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
                }
                assertEquals(before, rows(statement, table));
            }
        }
    }

    private static long rows(Statement statement, String table) throws SQLException {
        var result = statement.executeQuery("SELECT count(*) FROM audit." + table);
        result.next();
        return result.getLong(1);
    }

    private static String assignment(String table) {
        return switch (table) {
            case "log_entry" -> "record_count = record_count + 1";
            case "merkle_node" -> "hash = hash";
            case "checkpoint_cosignature" -> "signature = signature";
            default -> "note = note";
        };
    }
}
