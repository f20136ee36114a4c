package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The log tables refuse change in the database itself, for the service's role and for superusers. */
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
    @ValueSource(strings = { "log_entry", "merkle_node", "checkpoint" })
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
            default -> "note = note";
        };
    }
}
