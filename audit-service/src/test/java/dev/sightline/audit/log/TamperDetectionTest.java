package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.merkle.Merkle;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Someone with superuser rights disables the triggers and rewrites an entry behind the service's
 * back; a verification run finds it and names it. Each test puts the row back afterwards.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
class TamperDetectionTest {

    @Test
    void anUntouchedLogVerifies() {
        Fixtures.append(Fixtures.events(50));
        given().post("/api/v1/checkpoints").then().statusCode(200);
        JsonPath result = Verifications.run();
        assertEquals(true, result.getBoolean("ok"));
        assertNull(result.get("firstBadSeq"));
        assertEquals(0, result.getList("findings").size());
    }

    @Test
    void findsAndNamesAnEntryChangedBehindTheServicesBack() throws SQLException {
        List<Long> seqs = Fixtures.append(Fixtures.events(40));
        given().post("/api/v1/checkpoints").then().statusCode(200);
        long victim = seqs.get(17);
        String original = entry(victim);
        try {
            rewrite(victim, original.replace("\"ON_DEVICE\"", "\"PARTNER_CLOUD\""), null);
            JsonPath result = Verifications.run();
            assertEquals(false, result.getBoolean("ok"));
            assertEquals(victim, result.getLong("firstBadSeq"));
            assertTrue(result.getList("findings").contains("entry " + victim + " does not match its stored leaf hash"));
            assertEquals("ENTRY", result.getString("failures[0].kind"));
            assertEquals(victim, result.getLong("failures[0].seq"));
        } finally {
            rewrite(victim, original, null);
        }
        assertTrue(Verifications.run().getBoolean("ok"));
    }

    @Test
    void findsAnEntryRewrittenTogetherWithItsLeafHashAgainstTheSignedCheckpoint() throws SQLException {
        Fixtures.append(Fixtures.events(10));
        long from = given().post("/api/v1/checkpoints").then().extract().jsonPath().getLong("size");
        List<Long> seqs = Fixtures.append(Fixtures.events(10));
        given().post("/api/v1/checkpoints").then().statusCode(200);
        long victim = seqs.get(4);
        String original = entry(victim);
        try {
            String forged = original.replace("\"recordCount\":1", "\"recordCount\":0");
            rewrite(victim, forged, Merkle.leafHash(
                    forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            JsonPath result = Verifications.run();
            assertEquals(false, result.getBoolean("ok"));
            assertEquals(from, result.getLong("firstBadSeq"));
            assertTrue(result.getString("findings[0]").contains("entries " + from + ".."), result.prettify());
            assertEquals("CHECKPOINT_ROOT", result.getString("failures[0].kind"));
        } finally {
            rewrite(victim, original, Merkle.leafHash(
                    original.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        assertTrue(Verifications.run().getBoolean("ok"));
    }

    private static String entry(long seq) throws SQLException {
        try (Connection connection = Fixtures.superuser();
                PreparedStatement query = connection.prepareStatement("SELECT entry FROM audit.log_entry WHERE seq = ?")) {
            query.setLong(1, seq);
            ResultSet row = query.executeQuery();
            row.next();
            return row.getString(1);
        }
    }

    /** What an attacker with superuser rights can do: switch the guard off, change the row, switch it on. */
    private static void rewrite(long seq, String entry, byte[] leafHash) throws SQLException {
        try (Connection connection = Fixtures.superuser()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE audit.log_entry DISABLE TRIGGER log_entry_no_change");
            }
            try (PreparedStatement update = connection.prepareStatement(leafHash == null
                    ? "UPDATE audit.log_entry SET entry = ? WHERE seq = ?"
                    : "UPDATE audit.log_entry SET entry = ?, leaf_hash = ? WHERE seq = ?")) {
                update.setString(1, entry);
                if (leafHash == null) {
                    update.setLong(2, seq);
                } else {
                    update.setBytes(2, leafHash);
                    update.setLong(3, seq);
                }
                update.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE audit.log_entry ENABLE ALWAYS TRIGGER log_entry_no_change");
            }
            connection.commit();
        }
    }
}
