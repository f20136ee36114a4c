package dev.sightline.support.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL down at start and frozen, through a proxy that refuses or stops forwarding: the service starts all the
 * same, says not ready, answers requests with a 503 problem within its bounds (never a 500, never a hang), and
 * recovers on its own. A service's subclass is a {@code @QuarkusTest} with the profile {@link Bounds} and the
 * class-restricted resource {@link ProxiedPostgresResource} (run as its application role); its {@link #read()} and
 * {@link #write()} requests carry {@link SignedTokens} of a user who may make them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class DatabaseFaultTest {
    /** The bound on every wait for the database in this test: pool, login, and each answer. */
    private static final long WAIT_MS = 2_000;

    public static class Bounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(SignedTokens.oidcConfig());
            config.putAll(Map.of("sightline.database.check-interval", "300ms",
                    "sightline.database.check-timeout", "1s",
                    "sightline.database.retry-delay", "200ms",
                    "sightline.database.max-retry-delay", "1s",
                    "quarkus.datasource.jdbc.acquisition-timeout", WAIT_MS + "ms",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.loginTimeout", "2",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "2"));
            return config;
        }
    }

    /** A request that reads from the database and then succeeds with 200. */
    protected abstract ValidatableResponse read();

    /** A request that writes to (or locks in) the database; a fresh one each call. */
    protected abstract ValidatableResponse write();

    /** The status {@link #write()} answers when the database is there. */
    protected abstract int written();

    @Test
    @Order(1)
    void startsWithoutItsDatabaseSaysNotReadyAndServesWhenItComes() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.data.schemaMigrated", equalTo(false));
        unavailable(write());
        unavailable(read());

        ProxiedPostgresResource.proxy().open();
        Readiness.await(true, 20_000);
        write().statusCode(written());
        read().statusCode(200);
    }

    @Test
    @Order(2)
    void aFrozenDatabaseAnswers503WithinTheBoundSaysNotReadyAndRecovers() throws Exception {
        Readiness.await(true, 20_000);
        read().statusCode(200);
        FreezableProxy proxy = ProxiedPostgresResource.proxy();
        proxy.freeze();
        long frozenAt = System.nanoTime();
        try {
            long started = System.nanoTime();
            unavailable(read());
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
            unavailable(write());
            took = (System.nanoTime() - started) / 1_000_000;
            assertTrue(took < WAIT_MS + 2_000, "the write answered after " + took + " ms");
        } finally {
            proxy.thaw();
        }
        Readiness.await(true, 20_000);
        write().statusCode(written());
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("status", equalTo(503))
                .body("type", equalTo("https://sightline.example/problems/unavailable"));
    }
}
