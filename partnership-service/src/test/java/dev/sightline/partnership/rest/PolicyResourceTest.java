package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.transition;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.sightline.partnership.Identities;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PolicyResourceTest {
    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void answersWithThePolicyStatusAndDatesInForceAtEachInstant() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String body = activatable(reference, partnerId);
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/partnerships")
                .then().statusCode(201).extract().path("id");
        String p = "/api/v1/partnerships/" + id;
        transition(id, "UNDER_REVIEW");
        Identities.actAs("bob", "partnership-manager");
        transition(id, "APPROVED");
        Identities.actAs("alice", "partnership-manager");
        transition(id, "ACTIVE");
        given().contentType(ContentType.JSON).header("If-Match", "\"4\"")
                .body(body.replace("\"retentionDays\": 30", "\"retentionDays\": 7")
                        .replace("\"effectiveTo\": null", "\"effectiveTo\": \"2099-12-31\""))
                .put(p).then().statusCode(200).body("revision", equalTo(5));
        List<Instant> validFrom = given().get(p + "/revisions").then().extract().jsonPath()
                .getList("items.validFrom", String.class).stream().map(Instant::parse).toList();

        Identities.actAs("service-account-audit-service", "partnership-viewer");
        Instant before = validFrom.get(0).minus(1, ChronoUnit.SECONDS);
        given().queryParam("at", before.toString()).when().get(p + "/policy")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("partnershipId", equalTo(id))
                .body("revision", nullValue())
                .body("status", nullValue())
                .body("active", equalTo(false))
                .body("allowedCategories", empty())
                .body("at", equalTo(before.toString()))
                .body("sensitiveCategories", hasItems("user.health", "user.biometric", "user.location.precise"))
                .body("taxonomyVersion", equalTo("2026.1"))
                .body("revisionValidFrom", nullValue())
                .body("revisionValidUntil", equalTo(validFrom.get(0).toString()))
                .body("partnerId", nullValue());
        given().queryParam("at", validFrom.get(0).toString()).get(p + "/policy")
                .then().body("revision", equalTo(1)).body("status", equalTo("DRAFT")).body("active", equalTo(false))
                .body("allowedCategories", contains("user.content.voice", "user.content.text"))
                .body("forbiddenCategories", contains("user.biometric"))
                .body("allowedModes", contains("ON_DEVICE", "PARTNER_CLOUD"))
                .body("allowedCountries", contains("DE", "CN"))
                .body("allowedPurposes", contains("voice-assistance"))
                .body("retentionDays", equalTo(30))
                .body("sensitiveAllowed", equalTo(false))
                .body("effectiveFrom", equalTo("2025-01-01"))
                .body("revisionValidFrom", equalTo(validFrom.get(0).toString()))
                .body("revisionValidUntil", equalTo(validFrom.get(1).toString()))
                .body("partnerId", equalTo(partnerId))
                .body("partnerCountry", equalTo("CN"))
                .body("partnerCoveredPerson", equalTo(true));
        // any instant inside a revision's interval answers with that revision
        Instant inside = validFrom.get(0).plus(Duration.between(validFrom.get(0), validFrom.get(1)).dividedBy(2));
        given().queryParam("at", inside.toString()).get(p + "/policy")
                .then().body("revision", equalTo(1)).body("revisionValidFrom", equalTo(validFrom.get(0).toString()));
        given().queryParam("at", validFrom.get(2).toString()).get(p + "/policy")
                .then().body("status", equalTo("APPROVED")).body("active", equalTo(false));
        given().queryParam("at", validFrom.get(3).toString()).get(p + "/policy")
                .then().body("revision", equalTo(4)).body("status", equalTo("ACTIVE")).body("active", equalTo(true))
                .body("retentionDays", equalTo(30)).body("effectiveTo", nullValue());
        given().get(p + "/policy")
                .then().body("revision", equalTo(5)).body("active", equalTo(true)).body("retentionDays", equalTo(7))
                .body("effectiveTo", equalTo("2099-12-31"))
                .body("revisionValidFrom", equalTo(validFrom.get(4).toString()))
                .body("revisionValidUntil", nullValue());
        // The agreement ends with 2099: status still ACTIVE, but no longer in force.
        given().queryParam("at", "2100-01-01T00:00:00Z").get(p + "/policy")
                .then().body("status", equalTo("ACTIVE")).body("active", equalTo(false));
        given().queryParam("at", "2099-12-31T23:59:59Z").get(p + "/policy").then().body("active", equalTo(true));

        given().queryParam("at", "1 March").get(p + "/policy")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("at"));
        given().get("/api/v1/partnerships/" + UUID.randomUUID() + "/policy")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ivan", roles = "auditor")
    void hasExactlyTheAgreedShape() {
        Identities.actAs("alice", "partnership-manager");
        String id = dev.sightline.partnership.Fixtures.createPartnership(createPartner("CN"));
        Identities.actAs("ivan", "auditor");
        Map<String, Object> policy = given().get("/api/v1/partnerships/" + id + "/policy")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        Assertions.assertEquals(Set.of("partnershipId", "revision", "at", "status",
                "effectiveFrom", "effectiveTo", "active", "allowedCategories", "forbiddenCategories", "allowedModes",
                "allowedCountries", "allowedPurposes", "retentionDays", "sensitiveAllowed", "sensitiveCategories",
                "taxonomyVersion", "revisionValidFrom", "revisionValidUntil", "partnerId", "partnerCountry",
                "partnerCoveredPerson", "markets", "transfers"), policy.keySet());
        Assertions.assertEquals(List.of(Map.of("fromRegion", "EU", "toCountry", "CN", "mechanism", "EU_SCC",
                "reference", "SCC-1")), policy.get("transfers"), "the transfers recorded, which the audit-service "
                + "holds threshold crossings to");
    }
}
