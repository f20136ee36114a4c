package dev.sightline.support.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What every Sightline service answers the same way: health with its database, Prometheus metrics,
 * an OpenAPI document that matches the committed contract, problem bodies for unknown paths. A
 * service's {@code @QuarkusTest} subclass names its module.
 */
public abstract class ServiceBasicsTest {
    /** The Maven module, as in {@code ./mvnw -pl <module>}. */
    protected abstract String module();

    /** The name of the readiness check that reports the database. */
    protected String databaseCheck() {
        return "Database connections";
    }

    @Test
    void isReadyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString(databaseCheck())));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void publishesTitleVersionAndSecuritySchemeInItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Sightline " + module()))
                .body("info.version", equalTo("1.0.0"))
                .body("components.securitySchemes.keycloak.scheme", equalTo("bearer"));
    }

    @Test
    void codeMatchesTheCommittedOpenApiContract() throws IOException {
        OpenApiContract.assertCodeMatchesCommittedContract(module());
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
