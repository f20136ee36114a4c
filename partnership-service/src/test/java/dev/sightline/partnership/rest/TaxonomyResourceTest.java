package dev.sightline.partnership.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class TaxonomyResourceTest {
    @Test
    @TestSecurity(user = "ivan", roles = "partnership-viewer")
    void servesTheVersionedTaxonomyWithItsRegulatoryMappings() {
        given().when().get("/api/v1/taxonomy/data-categories")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("version", equalTo("2026.1"))
                .body("categories.key", hasItems("user.content", "user.content.text", "user.content.voice",
                        "user.content.image", "user.device.identifier", "user.device.telemetry", "user.location.coarse",
                        "user.location.precise", "user.biometric", "user.health", "user.financial", "user.contact",
                        "user.minor", "user.identifier.covered", "user.genomic", "user.behavior.usage"))
                .body("categories.find { it.key == 'user.content.voice' }.parent", equalTo("user.content"))
                .body("categories.find { it.key == 'user.content.voice' }.sensitive", equalTo(false))
                .body("categories.find { it.key == 'user.health' }.gdprArt9", equalTo("HEALTH"))
                .body("categories.find { it.key == 'user.health' }.sensitive", equalTo(true))
                .body("categories.find { it.key == 'user.location.precise' }.usBulkData", equalTo("PRECISE_GEOLOCATION"))
                .body("categories.find { it.key == 'user.location.precise' }.piplSensitive", equalTo(true))
                .body("categories.find { it.key == 'user.identifier.covered' }.usBulkData",
                        equalTo("COVERED_PERSONAL_IDENTIFIERS"))
                .body("categories.find { it.key == 'user.genomic' }.usBulkData", equalTo("GENOMIC"))
                .body("categories.find { it.key == 'user.genomic.other' }.parent", equalTo("user.genomic"))
                .body("categories.find { it.key == 'user.genomic.other' }.sensitive", equalTo(true))
                .body("categories.find { it.key == 'user.financial' }.ccpaSensitive", equalTo(true))
                .body("categories.find { it.key == 'user.minor' }.piplSensitive", equalTo(true))
                .body("categories.find { it.key == 'user' }.parent", equalTo(null))
                .body("categories.find { it.key == 'user.behavior.usage' }.name", notNullValue());
    }
}
