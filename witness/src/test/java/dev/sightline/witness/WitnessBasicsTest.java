package dev.sightline.witness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.sightline.support.test.OpenApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** What every Sightline service answers alike, for a service without a database or tokens. */
@QuarkusTest
@QuarkusTestResource(value = TestLogs.class, restrictToAnnotatedClass = true)
class WitnessBasicsTest {
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    @Test
    void isReadyWithAWritableStateFolder() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Witness state"));
    }

    @Test
    void servesMetricsOnTheManagementInterfaceOnly() {
        given().body("old 0\n".getBytes()).post("/api/v1/add-checkpoint").then().statusCode(400);
        given().when().get(managementMetrics).then().statusCode(200)
                .body(containsString("sightline_witness_add_checkpoint_total{outcome=\"malformed\"}"));
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void codeMatchesTheCommittedOpenApiContract() throws IOException {
        OpenApiContract.assertCodeMatchesCommittedContract("witness");
    }

    @Test
    void answersUnknownPathsWithAProblemAndHardeningHeaders() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }
}
