package dev.sightline.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The repeatable migration against a real PostgreSQL: it creates the outbox on a fresh schema, and brings the
 * tables the partnership-service ({@code V3__audit_outbox.sql}) and the disclosure-service (part of
 * {@code V1__disclosures.sql}) created before it to that same shape, keeping their rows; applied again, it
 * changes nothing.
 */
class OutboxMigrationTest {
    private static final String MIGRATION = "/db/audit-outbox/R__audit_outbox.sql";
    private static final Path PARTNERSHIP_V3 = Path.of("../../partnership-service/src/main/resources/db/migration/"
            + "V3__audit_outbox.sql");
    private static final Path DISCLOSURE_V1 = Path.of("../../disclosure-service/src/main/resources/db/migration/"
            + "V1__disclosures.sql");

    @Test
    void convergesBothServicesEarlierTablesAndAFreshSchemaToOneShape() throws Exception {
        String fresh = schema();
        migrate(fresh);
        String partnership = schema(Files.readString(PARTNERSHIP_V3));
        migrate(partnership);
        String disclosure = schema(Files.readString(DISCLOSURE_V1));
        migrate(disclosure);

        List<String> shape = shape(fresh);
        assertEquals(17, shape.size(), shape.toString());
        assertTrue(shape.contains("column partnership_id uuid NO - NO"), shape.toString());
        assertTrue(shape.contains("index CREATE INDEX audit_outbox_due ON audit_outbox USING btree (next_attempt_at, "
                + "\"position\") WHERE (status = 'PENDING'::text)"), shape.toString());
        assertEquals(shape, shape(partnership));
        assertEquals(shape, shape(disclosure));
        migrate(fresh);
        assertEquals(shape, shape(fresh));
    }

    @Test
    void keepsTheRowsOfAnEarlierTableAndGivesEachItsPartnership() throws Exception {
        String disclosure = schema(Files.readString(DISCLOSURE_V1));
        UUID event = UUID.randomUUID();
        UUID partnership = UUID.randomUUID();
        execute(disclosure, "INSERT INTO audit_outbox (event_id, payload, status, attempts, audit_seq) VALUES ('"
                + event + "', '{\"eventId\": \"" + event + "\", \"partnershipId\": \"" + partnership
                + "\"}', 'SENT', 1, 42)");

        migrate(disclosure);
        migrate(disclosure);

        assertEquals(List.of(event + " " + partnership + " SENT 1 42"), query(disclosure,
                "SELECT event_id || ' ' || partnership_id || ' ' || status || ' ' || attempts || ' ' || audit_seq "
                        + "FROM audit_outbox"));
    }

    /** Columns, constraints and indexes of the schema's outbox, independent of column order and schema name. */
    private static List<String> shape(String schema) throws SQLException {
        List<String> shape = new ArrayList<>(query(schema, """
                SELECT 'column ' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                    || coalesce(column_default, '-') || ' ' || is_identity
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit_outbox'
                ORDER BY column_name"""));
        shape.addAll(query(schema, """
                SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'audit_outbox'::regclass ORDER BY conname"""));
        shape.addAll(query(schema, """
                SELECT 'index ' || replace(indexdef, current_schema() || '.', '') FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = 'audit_outbox' ORDER BY indexname"""));
        return shape;
    }

    /** A new schema, with the given earlier migration applied in it. */
    private static String schema(String... earlier) throws SQLException {
        String schema = "outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        for (String sql : earlier) {
            execute(schema, sql);
        }
        return schema;
    }

    private static void migrate(String schema) throws IOException, SQLException {
        try (InputStream in = OutboxMigrationTest.class.getResourceAsStream(MIGRATION)) {
            execute(schema, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Runs SQL in the schema as Flyway does: with the schema first on the search path. */
    private static void execute(String schema, String sql) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            statement.execute(sql);
        }
    }

    private static List<String> query(String schema, String sql) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
