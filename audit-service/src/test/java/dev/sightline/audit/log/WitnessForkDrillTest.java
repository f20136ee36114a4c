package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.Fixtures;
import dev.sightline.audit.TestWitnesses;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.merkle.Merkle;
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
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The drill an insider with the database owner's rights runs against a witnessed log: the last entries rewritten with
 * their leaf hashes, the checkpoint and stored subtrees that covered them deleted, new events appended and a new
 * checkpoint signed over the rewritten log. The witnesses cosigned the deleted checkpoint and keep it: a verification
 * run asked for nothing but the log itself reads it from them (over HTTP) and reports the fork, naming each witness.
 */
@QuarkusTest
@TestProfile(WitnessedLog.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = TestWitnesses.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
class WitnessForkDrillTest {
    private static final String SCHEMA = WitnessedLog.SCHEMA;

    @Inject
    SigningKeys keys;

    @Test
    void historyRewrittenBehindTheWitnessesIsAForkNamingThemWithoutAnyCheckpointGiven() throws Exception {
        Fixtures.append(Fixtures.events(300));
        long kept = sign();
        Fixtures.append(Fixtures.events(300));
        long witnessed = sign();
        await("witnesses a and b cosign checkpoint " + witnessed,
                () -> TestWitnesses.A.cosignedSize() == witnessed && TestWitnesses.B.cosignedSize() == witnessed);

        JsonPath before = Verifications.run();
        assertTrue(LogDrillTest.failures(before, "FORK").isEmpty(), before.prettify());
        assertEquals(witnessed, before.getLong("witnesses.find { it.witness == 'a' }.size"), before.prettify());
        assertEquals(witnessed, before.getLong("witnesses.find { it.witness == 'b' }.size"));

        // the insider rewrites the entries after `kept` with their leaf hashes, as the owner with the triggers off,
        // and deletes the checkpoint and the stored subtrees that covered them
        try (Connection owner = Fixtures.superuser(); PreparedStatement query = owner.prepareStatement(
                "SELECT seq, entry FROM " + SCHEMA + ".log_entry WHERE seq >= ? ORDER BY seq")) {
            query.setLong(1, kept);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String forged = rows.getString(2).replace("\"ON_DEVICE\"", "\"PARTNER_CLOUD\"");
                    IsolatedLog.tamperIn(SCHEMA, "log_entry", "UPDATE log_entry SET entry = ?, leaf_hash = ? "
                            + "WHERE seq = ?", forged, Merkle.leafHash(forged.getBytes(StandardCharsets.UTF_8)),
                            rows.getLong(1));
                }
            }
        }
        IsolatedLog.tamperIn(SCHEMA, "checkpoint", "DELETE FROM checkpoint WHERE tree_size > ?", kept);
        IsolatedLog.tamperIn(SCHEMA, "merkle_node", "DELETE FROM merkle_node WHERE (idx + 1) << level > ?", kept);
        // new events, and a checkpoint over the rewritten log as a replica started afresh signs it
        IsolatedLog.restartIntegrator();
        Fixtures.append(Fixtures.events(50));
        LogDrillTest.awaitReady(false);
        long size = Fixtures.count("SELECT count(*) FROM " + SCHEMA + ".log_entry");
        IsolatedLog.signAsAFreshReplicaWould(SCHEMA, keys, kept, size);

        JsonPath result = Verifications.run();
        assertEquals(false, result.getBoolean("ok"), result.prettify());
        assertEquals(kept, result.getLong("firstBadSeq"), result.prettify());
        List<Map<String, Object>> forks = LogDrillTest.failures(result, "FORK");
        assertEquals(List.of("a", "b"), forks.stream().map(f -> f.get("witness")).toList(), result.prettify());
        for (Map<String, Object> fork : forks) {
            assertEquals(witnessed, ((Number) fork.get("checkpoint")).longValue());
            assertEquals(kept, ((Number) fork.get("from")).longValue());
            assertTrue(((String) fork.get("message")).contains("checkpoint " + witnessed + " that witness "
                    + fork.get("witness") + " cosigned differs from the log recomputed at " + witnessed
                    + " (the database holds no checkpoint at " + witnessed + ")"), (String) fork.get("message"));
        }
        assertEquals(2, result.getLong("knownCheckpointsVerified"));
        assertEquals(witnessed, result.getLong("witnesses.find { it.witness == 'a' }.size"));
        assertTrue(result.getString("witnesses.find { it.witness == 'c' }.problem").contains("no answer"),
                result.prettify());
    }

    private static long sign() {
        return given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
