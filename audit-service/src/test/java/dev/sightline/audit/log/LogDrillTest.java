package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drills an insider with the database owner's rights runs against the log, each on the state the one before left:
 * a stored right-edge subtree changed before a restart: nothing is signed over a wrong root, readiness says why.
 */
@QuarkusTest
@TestProfile(IsolatedLog.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogDrillTest {

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
