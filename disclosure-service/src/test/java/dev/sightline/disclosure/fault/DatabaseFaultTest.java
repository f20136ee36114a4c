package dev.sightline.disclosure.fault;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.test.FreezableProxy;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ProxiedPostgresResource;
import dev.sightline.support.test.Readiness;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL down at start and frozen, through a proxy that refuses or stops forwarding: the service starts all the
 * same, says not ready, answers requests with a 503 problem within its bounds (never a 500, never a hang), and
 * recovers on its own.
 */
@QuarkusTest
@TestProfile(DatabaseFaultTest.Bounds.class)
@WithTestResource(value = ProxiedPostgresResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@TestSecurity(user = "alice", roles = "disclosure-author")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultTest {
    /** The bound on every wait for the database in this test: pool, login, and each answer. */
    private static final long WAIT_MS = 2_000;
    private static final String DISCLOSURES = "/api/v1/disclosures";

    public static class Bounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sightline.database.check-interval", "300ms",
                    "sightline.database.check-timeout", "1s",
                    "sightline.database.retry-delay", "200ms",
                    "sightline.database.max-retry-delay", "1s",
                    "quarkus.datasource.jdbc.acquisition-timeout", WAIT_MS + "ms",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.loginTimeout", "2",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "2");
        }
    }

    @Test
    @Order(1)
    void startsWithoutItsDatabaseSaysNotReadyAndServesWhenItComes() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.data.schemaMigrated", equalTo(false));
        String missing = DISCLOSURES + "/" + UUID.randomUUID();
        unavailable(given().when().get(DISCLOSURES).then());
        unavailable(given().when().delete(missing).then());

        ProxiedPostgresResource.proxy().open();
        Readiness.await(true, 20_000);
        given().when().get(DISCLOSURES).then().statusCode(200);
        given().when().delete(missing).then().statusCode(404);
    }

    @Test
    @Order(2)
    void aFrozenDatabaseAnswers503WithinTheBoundSaysNotReadyAndRecovers() throws Exception {
        Readiness.await(true, 20_000);
        given().when().get(DISCLOSURES).then().statusCode(200);
        FreezableProxy proxy = ProxiedPostgresResource.proxy();
        proxy.freeze();
        long frozenAt = System.nanoTime();
        try {
            long started = System.nanoTime();
            unavailable(given().when().get(DISCLOSURES).then());
            long took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < WAIT_MS + 2_000, "the request answered after " + took + " ms");

            Readiness.await(false, 6_000);
            long down = (System.nanoTime() - frozenAt) / 1_000_000;
            assertTrue(down < 7_000, "readiness said DOWN only " + down + " ms after the database froze");
            long healthStarted = System.nanoTime();
            given().when().get("/q/health/ready").then().statusCode(503);
            long healthTook = (System.nanoTime() - healthStarted) / 1_000_000;
            assertTrue(healthTook < 1_000, "readiness answered after " + healthTook + " ms");

            started = System.nanoTime();
            unavailable(given().when().delete(DISCLOSURES + "/" + UUID.randomUUID()).then());
            took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < WAIT_MS + 2_000, "the write answered after " + took + " ms");
        } finally {
            proxy.thaw();
        }
        Readiness.await(true, 20_000);
        given().when().get(DISCLOSURES).then().statusCode(200);
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("status", equalTo(503))
                .body("type", equalTo("https://sightline.example/problems/unavailable"));
    }
}
