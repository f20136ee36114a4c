package dev.sightline.audit.log.fault;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.FreezableProxy;
import dev.sightline.support.test.ProxiedPostgresResource;
import dev.sightline.support.test.Readiness;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL down at start and frozen under load, through a proxy that refuses or stops forwarding: the service
 * keeps running, says not ready within a few seconds, answers appends with a 503 problem within its bound, serves
 * the newest checkpoint from memory, and recovers on its own.
 */
@QuarkusTest
@TestProfile(DatabaseFaultTest.Bounds.class)
@WithTestResource(value = ProxiedPostgresResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = ProxiedPostgresResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "assistant-gateway", roles = { "audit-writer", "auditor" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultTest {
    private static final long APPEND_TIMEOUT_MS = 2_000;

    public static class Bounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sightline.log.append.timeout", APPEND_TIMEOUT_MS + "ms",
                    "sightline.database.check-interval", "300ms",
                    "sightline.database.check-timeout", "1s",
                    "sightline.database.retry-delay", "200ms",
                    "sightline.database.max-retry-delay", "1s");
        }
    }

    @Test
    @Order(1)
    void startsWithoutItsDatabaseSaysNotReadyAndBecomesReadyWhenItComes() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.data.schemaMigrated", equalTo(false));
        given().accept(ContentType.JSON).when().get("/api/v1/checkpoints/latest")
                .then().statusCode(503).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Fixtures.event().toString())
                .when().post("/api/v1/events")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("may not have been stored; retry with the same eventIds"));

        ProxiedPostgresResource.proxy().open();
        Readiness.await(true, 20_000);
        given().contentType(ContentType.JSON).body(Fixtures.event().toString())
                .when().post("/api/v1/events")
                .then().statusCode(201);
        given().when().post("/api/v1/checkpoints").then().statusCode(200).body("size", greaterThanOrEqualTo(1));
    }

    @Test
    @Order(2)
    void aFrozenDatabaseFailsAppendsFastSaysNotReadyAndStillServesTheNewestCheckpoint() throws Exception {
        Readiness.await(true, 20_000);
        long signed = given().when().post("/api/v1/checkpoints").then().statusCode(200)
                .extract().jsonPath().getLong("size");
        given().accept(ContentType.JSON).when().get("/api/v1/checkpoints/latest").then().statusCode(200);
        ObjectNode event = Fixtures.event();
        FreezableProxy proxy = ProxiedPostgresResource.proxy();
        proxy.freeze();
        long frozenAt = System.nanoTime();
        try {
            long started = System.nanoTime();
            given().contentType(ContentType.JSON).body(event.toString())
                    .when().post("/api/v1/events")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("may not have been stored; retry with the same eventIds"));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < APPEND_TIMEOUT_MS + 1_500, "the append answered after " + took + " ms");

            Readiness.await(false, 6_000);
            long down = (System.nanoTime() - frozenAt) / 1_000_000;
            assertTrue(down < 7_000, "readiness said DOWN only " + down + " ms after the database froze");
            long healthStarted = System.nanoTime();
            given().when().get("/q/health/ready").then().statusCode(503);
            long healthTook = (System.nanoTime() - healthStarted) / 1_000_000;
            assertTrue(healthTook < 4_000, "readiness answered after " + healthTook + " ms");

            given().accept(ContentType.JSON).when().get("/api/v1/checkpoints/latest")
                    .then().statusCode(200).body("size", greaterThanOrEqualTo((int) signed));
            given().accept(ContentType.TEXT).when().get("/api/v1/checkpoints/latest")
                    .then().statusCode(200).body(containsString("sightline.example/audit-log"));
        } finally {
            proxy.thaw();
        }
        Readiness.await(true, 20_000);
        // the retry the 503 asked for stores the event exactly once, whether or not the first attempt was stored
        Response retry = given().contentType(ContentType.JSON).body(event.toString()).when().post("/api/v1/events");
        assertTrue(retry.statusCode() == 201 || retry.statusCode() == 200, retry.asString());
        assertEquals(1, Fixtures.count("SELECT count(*) FROM audit.log_entry WHERE event_id = '"
                + event.get("eventId").asText() + "'"));
    }
}
