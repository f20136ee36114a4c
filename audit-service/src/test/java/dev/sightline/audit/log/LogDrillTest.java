package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.note.Checkpoint;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drills an insider with the database owner's rights runs against the log, each on the state the one before left:
 * a stored right-edge subtree changed before a restart (nothing is signed over a wrong root; readiness says why),
 * a stored subtree zeroed (verification names where), checkpoints deleted (a gap), and history rewritten with its
 * checkpoint deleted (a fork against the checkpoint a witness kept).
 */
@QuarkusTest
@TestProfile(IsolatedLog.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogDrillTest {
    @Inject
    SigningKeys keys;

    @Test
    @Order(1)
    void aRecomputedRightEdgeSubtreeChangedBeforeARestartStopsSigningAndSaysWhy() throws Exception {
        Fixtures.append(Fixtures.events(768));
        assertEquals(768, given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath()
                .getLong("size"));
        byte[] honest = node(8, 2);

        IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 8 AND idx = 2", flip(honest));
        IsolatedLog.restartIntegrator();
        Fixtures.append(Fixtures.events(100));
        awaitReady(false);
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'log-integrity' }.data.reason",
                        containsString("stored subtree 8/2 (entries 512..768) differs from the hash of its entries"))
                .body("checks.find { it.name == 'log-integrity' }.data.firstBadPosition", equalTo(512));
        given().post("/api/v1/checkpoints").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("Signing is stopped"));
        assertEquals(0, IsolatedLog.count("SELECT count(*) FROM ${schema}.checkpoint WHERE tree_size > 768"));
        assertEquals(868, IsolatedLog.count("SELECT count(*) FROM ${schema}.log_entry"), "appends are still stored");

        IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 8 AND idx = 2", honest);
        IsolatedLog.restartIntegrator();
        awaitReady(true);
        given().post("/api/v1/checkpoints").then().statusCode(200).body("size", equalTo(868));
    }

    @Test
    @Order(2)
    void aStoredRightEdgeSubtreeThatDisagreesWithItsChildrenStopsSigning() throws Exception {
        byte[] honest = node(9, 0);
        IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 9 AND idx = 0", flip(honest));
        IsolatedLog.restartIntegrator();
        Fixtures.append(Fixtures.events(10));
        awaitReady(false);
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'log-integrity' }.data.reason",
                        containsString("stored subtree 9/0 (entries 0..512) differs from the hash of its two stored"));
        assertEquals(0, IsolatedLog.count("SELECT count(*) FROM ${schema}.checkpoint WHERE tree_size > 868"));

        IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 9 AND idx = 0", honest);
        IsolatedLog.restartIntegrator();
        awaitReady(true);
        given().post("/api/v1/checkpoints").then().statusCode(200).body("size", equalTo(878));
    }

    @Test
    @Order(3)
    void aZeroedStoredSubtreeIsLocatedAtTheFirstEntryItCovers() throws Exception {
        byte[] honest = node(8, 1);
        IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 8 AND idx = 1", new byte[32]);
        try {
            JsonPath result = Verifications.run();
            assertEquals(false, result.getBoolean("ok"));
            assertEquals(256, result.getLong("firstBadSeq"), result.prettify());
            Map<String, Object> subtree = failure(result, "SUBTREE");
            assertEquals(8, subtree.get("level"));
            assertEquals(1, subtree.get("index"));
            assertEquals(256, subtree.get("from"));
            assertEquals(512, subtree.get("to"));
            assertTrue(result.getList("findings", String.class).contains(
                    "stored subtree 8/1 (entries 256..512) differs from the one recomputed from its entries"));
        } finally {
            IsolatedLog.tamper("merkle_node", "UPDATE merkle_node SET hash = ? WHERE level = 8 AND idx = 1", honest);
        }
        assertEquals(0, failures(Verifications.run(), "SUBTREE").size());
    }

    @Test
    @Order(4)
    void entriesThatWaitedTooLongForACheckpointAreReportedAsAGap() throws Exception {
        Fixtures.append(Fixtures.events(10));
        long before = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        Fixtures.append(Fixtures.events(10));
        long deleted = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        IsolatedLog.tamper("checkpoint", "DELETE FROM checkpoint WHERE tree_size > ?", before);
        Thread.sleep(IsolatedLog.MAX_CHECKPOINT_DELAY_MS + 500);
        Fixtures.append(Fixtures.events(10));
        long after = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");

        JsonPath result = Verifications.run();
        assertEquals(false, result.getBoolean("ok"));
        Map<String, Object> gap = failures(result, "CHECKPOINT_GAP").stream()
                .filter(f -> ((Number) f.get("from")).longValue() == before).findFirst()
                .orElseThrow(() -> new AssertionError("no gap after checkpoint " + before + ": " + result.prettify()));
        assertEquals(after, ((Number) gap.get("to")).longValue());
        assertTrue(((String) gap.get("message")).contains("checkpoints were deleted, or signing was stopped"));
        assertTrue(deleted > before && deleted < after);
    }

    @Test
    @Order(5)
    void historyRewrittenWithItsCheckpointDeletedIsAForkAgainstTheCheckpointAWitnessKept() throws Exception {
        long kept = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        Fixtures.append(Fixtures.events(300));
        long witnessed = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath()
                .getLong("size");
        String witnessedNote = given().get("/api/v1/checkpoints?size=" + witnessed).then().statusCode(200)
                .extract().jsonPath().getString("[0].note");

        // the insider rewrites the last 300 entries with their leaf hashes, and deletes what covered them
        try (Connection owner = Fixtures.superuser(); PreparedStatement query = owner.prepareStatement(
                "SELECT seq, entry FROM " + IsolatedLog.SCHEMA + ".log_entry WHERE seq >= ? ORDER BY seq")) {
            query.setLong(1, kept);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String forged = rows.getString(2).replace("\"ON_DEVICE\"", "\"PARTNER_CLOUD\"");
                    IsolatedLog.tamper("log_entry", "UPDATE log_entry SET entry = ?, leaf_hash = ? WHERE seq = ?",
                            forged, Merkle.leafHash(forged.getBytes(StandardCharsets.UTF_8)), rows.getLong(1));
                }
            }
        }
        IsolatedLog.tamper("checkpoint", "DELETE FROM checkpoint WHERE tree_size > ?", kept);
        IsolatedLog.tamper("merkle_node", "DELETE FROM merkle_node WHERE (idx + 1) << level > ?", kept);

        // this replica signed the deleted checkpoint and remembers it: it refuses to sign over the rewrite
        IsolatedLog.restartIntegrator();
        Fixtures.append(Fixtures.events(50));
        awaitReady(false);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'log-integrity' }.data.reason",
                containsString("checkpoint " + witnessed + ", which this replica signed, is no longer stored"));

        // a replica started afresh would sign the rewritten log: store what it would have stored
        long size = IsolatedLog.count("SELECT count(*) FROM ${schema}.log_entry");
        IsolatedLog.signAsAFreshReplicaWould(IsolatedLog.SCHEMA, keys, kept, size);

        JsonPath alone = Verifications.run();
        assertEquals(0, failures(alone, "FORK").size() + failures(alone, "CHECKPOINT_ROOT").size(),
                "without a checkpoint kept outside, the rewrite is invisible: " + alone.prettify());

        JsonPath withWitness = Verifications.run(List.of(witnessedNote));
        assertEquals(false, withWitness.getBoolean("ok"));
        assertEquals(1, withWitness.getLong("knownCheckpointsVerified"));
        assertEquals(kept, withWitness.getLong("firstBadSeq"), withWitness.prettify());
        Map<String, Object> fork = failure(withWitness, "FORK");
        assertEquals(witnessed, ((Number) fork.get("checkpoint")).longValue());
        assertEquals(kept, ((Number) fork.get("from")).longValue());
        assertTrue(((String) fork.get("message")).contains("the database holds no checkpoint at " + witnessed));
    }

    @Test
    @Order(6)
    void aKnownCheckpointBeyondTheStoredLogIsAForkNoLongerCovered() {
        String note = new Checkpoint("sightline.example/audit-log", 1_000_000, new byte[32]).sign(keys.signer());
        JsonPath result = Verifications.run(List.of(note));
        Map<String, Object> fork = failure(result, "FORK");
        assertEquals(1_000_000, ((Number) fork.get("checkpoint")).longValue());
        assertTrue(((String) fork.get("message")).contains("is no longer covered"), result.prettify());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> failures(JsonPath result, String kind) {
        List<Map<String, Object>> all = result.getList("failures");
        return all == null ? List.of() : all.stream().filter(f -> kind.equals(f.get("kind"))).toList();
    }

    static Map<String, Object> failure(JsonPath result, String kind) {
        return failures(result, kind).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " failure: " + result.prettify()));
    }

    static byte[] node(int level, long index) throws SQLException {
        try (Connection connection = Fixtures.superuser(); PreparedStatement query = connection.prepareStatement(
                "SELECT hash FROM " + IsolatedLog.SCHEMA + ".merkle_node WHERE level = ? AND idx = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    static byte[] flip(byte[] hash) {
        byte[] changed = hash.clone();
        changed[0] ^= 1;
        return changed;
    }

    static void awaitReady(boolean ready) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        int expected = ready ? 200 : 503;
        while (given().get("/q/health/ready").statusCode() != expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("readiness did not become " + (ready ? "UP" : "DOWN") + ": "
                        + given().get("/q/health/ready").asString());
            }
            Thread.sleep(100);
        }
    }
}
