package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.auditEvents;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.transition;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.partnership.Identities;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PartnershipLifecycleTest {
    private static final String PARTNERSHIPS = "/api/v1/partnerships";

    /**
     * EU and Chinese markets, health data processed in the partner's cloud in Germany, nothing else filled in:
     * the policy is incomplete, the CN → DE flow has no mechanism, and neither a DPIA nor a PIPL impact
     * assessment exists.
     */
    private static String lacking(String reference, String partnerId) {
        return """
                {"reference": "%s", "title": "Health coaching", "owner": "ai-partnerships@example.com",
                 "effectiveFrom": "2025-01-01", "partnerId": "%s",
                 "aiSystems": [{"name": "Coach", "provider": "Nimbus", "riskClass": "LIMITED", "generalPurpose": false}],
                 "features": [{"key": "coach", "name": "Coach", "purpose": "Coaching"}],
                 "markets": ["DE", "CN"],
                 "dataPolicy": {"allowedCategories": ["user.health", "user.content"], "allowedModes": ["PARTNER_CLOUD"],
                                "allowedCountries": ["DE"], "sensitiveAllowed": true}}
                """.formatted(reference, partnerId);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void walksTheWholeLifecycleWithFourEyes() {
        String id = createPartnership(createPartner("CN"));
        move(id, "UNDER_REVIEW").statusCode(200).body("status", equalTo("UNDER_REVIEW"))
                .body("lastTransition.from", equalTo("DRAFT")).body("lastTransition.actor", equalTo("alice"));
        // alice submitted it, so alice may not approve it.
        move(id, "APPROVED").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Four eyes"))
                .body("errors[0].field", equalTo("actor"));
        given().get(PARTNERSHIPS + "/" + id).then().body("status", equalTo("UNDER_REVIEW"));
        approveAsBob(id);
        move(id, "ACTIVE").statusCode(200).body("status", equalTo("ACTIVE")).body("revision", equalTo(4));
        move(id, "SUSPENDED").statusCode(200);
        move(id, "ACTIVE").statusCode(200);
        move(id, "SUSPENDED").statusCode(200);
        move(id, "TERMINATED").statusCode(200).body("status", equalTo("TERMINATED"));
        move(id, "ACTIVE").statusCode(409).body("errors[0].message", containsString("final"));

        given().get(PARTNERSHIPS + "/" + id + "/revisions").then()
                .body("items.summary", contains("Created in DRAFT", "DRAFT → UNDER_REVIEW", "UNDER_REVIEW → APPROVED",
                        "APPROVED → ACTIVE", "ACTIVE → SUSPENDED", "SUSPENDED → ACTIVE", "ACTIVE → SUSPENDED",
                        "SUSPENDED → TERMINATED"))
                .body("items[2].actor", equalTo("bob"));
        // Refused transitions wrote nothing: one WRITE event per accepted change.
        assertEquals(8, auditEvents(id).stream().filter(e -> e.get(0).equals("WRITE")).count());
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesTransitionsTheLifecycleDoesNotHave() {
        String id = createPartnership(createPartner("CN"));
        move(id, "ACTIVE").statusCode(409)
                .body("title", equalTo("Transition refused"))
                .body("errors[0].field", equalTo("to"))
                .body("errors[0].message", containsString("UNDER_REVIEW"));
        move(id, "DRAFT").statusCode(409);
        given().contentType(ContentType.JSON).body("{\"to\": \"LIVE\", \"reason\": \"x\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"x\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions")
                .then().statusCode(412);
        // A rejected review goes back to DRAFT, where it can be edited again.
        move(id, "UNDER_REVIEW").statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(activatable(reference(), partnerOf(id)))
                .put(PARTNERSHIPS + "/" + id).then().statusCode(409).body("errors[0].field", equalTo("status"));
        move(id, "DRAFT").statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void activationListsEveryMissingItemUntilAllAreThere() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String body = lacking(reference, partnerId);
        String id = given().contentType(ContentType.JSON).body(body).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");

        // Submission runs the activation gate: what could never go live is not sent for review.
        move(id, "UNDER_REVIEW").statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("transition-refused"))
                .body("detail", containsString("5 item(s) missing"))
                .body("errors", hasSize(5))
                .body("errors.field", containsInAnyOrder("dataPolicy.allowedPurposes", "dataPolicy.retentionDays",
                        "transfers", "assessments", "assessments"))
                .body("errors.message", hasItem(containsString("CN → DE")))
                .body("errors.message", hasItem(containsString("CN_STANDARD_CONTRACT")))
                .body("errors.message", hasItem(containsString("approved DPIA is required")))
                .body("errors.message", hasItem(containsString("approved PIPL_PIPIA is required")));
        given().get(PARTNERSHIPS + "/" + id).then().body("status", equalTo("DRAFT")).body("revision", equalTo(1));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void activationNeedsFittingMechanismsAndCurrentAssessments() {
        String partnerId = createPartner("CN");
        String complete = lacking(reference(), partnerId)
                .replace("\"sensitiveAllowed\": true", "\"sensitiveAllowed\": true, \"allowedPurposes\": [\"coaching\"], "
                        + "\"retentionDays\": 90")
                .replace("\"partnerId\"", "\"transfers\": [{\"fromRegion\": \"CN\", \"toCountry\": \"DE\", "
                        + "\"mechanism\": \"EU_SCC\"}], \"assessments\": [{\"type\": \"DPIA\", \"status\": \"APPROVED\", "
                        + "\"nextReview\": \"2026-01-01\"}, {\"type\": \"PIPL_PIPIA\", \"status\": \"IN_PROGRESS\"}], "
                        + "\"partnerId\"");
        String id = given().contentType(ContentType.JSON).body(complete).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
        // An EU mechanism does not cover data leaving China; an overdue DPIA and an unfinished PIPIA do not count.
        move(id, "UNDER_REVIEW").statusCode(409)
                .body("errors", hasSize(3))
                .body("errors.message", hasItem(containsString("no transfer mechanism for the flow CN → DE")))
                .body("errors.message", hasItem(containsString("DPIA is overdue for review")))
                .body("errors.message", hasItem(containsString("approved PIPL_PIPIA is required")));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void activationKeepsCoveredPersonsAwayFromUsBulkDataAndHighRiskAiNeedsConformity() {
        String partnerId = createPartner("HK");
        String body = activatable(reference(), partnerId)
                .replace("\"markets\": [\"DE\"]", "\"markets\": [\"US\", \"FR\"]")
                .replace("\"riskClass\": \"LIMITED\"", "\"riskClass\": \"HIGH\"")
                .replace("\"allowedCategories\": [\"user.content.voice\", \"user.content.text\"]",
                        "\"allowedCategories\": [\"user.content\", \"user.location\"]")
                .replace("\"sensitiveAllowed\": false", "\"sensitiveAllowed\": true")
                .replace("\"allowedCountries\": [\"DE\", \"CN\"]", "\"allowedCountries\": [\"CN\"]")
                .replace("{\"fromRegion\": \"EU\", \"toCountry\": \"CN\", \"mechanism\": \"EU_SCC\", \"reference\": \"SCC-1\"}",
                        "{\"fromRegion\": \"EU\", \"toCountry\": \"CN\", \"mechanism\": \"EU_SCC\"}, "
                                + "{\"fromRegion\": \"US\", \"toCountry\": \"CN\", \"mechanism\": \"NONE\"}");
        String id = given().contentType(ContentType.JSON).body(body).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
        move(id, "UNDER_REVIEW").statusCode(409)
                .body("errors.message", hasItem(containsString("no transfer mechanism for the flow US → CN")))
                .body("errors.message", hasItem(containsString("approved DPIA is required")))
                .body("errors.message", hasItem(containsString("approved AI_ACT_CONFORMITY is required")))
                .body("errors.message", hasItem(containsString("approved CCPA_RISK is required")))
                .body("errors.message", hasItem(containsString("covered person under the US bulk-data rule")))
                .body("errors.message", hasItem(containsString("user.location.precise")))
                .body("errors.message", not(hasItem(containsString("flow FR → CN"))))
                .body("errors", hasSize(5));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void anActivePartnershipCannotBeEditedOutOfCompliance() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String id = given().contentType(ContentType.JSON).body(activatable(reference, partnerId)).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
        transition(id, "UNDER_REVIEW");
        approveAsBob(id);
        transition(id, "ACTIVE");
        String withoutTransfers = activatable(reference, partnerId)
                .replace("{\"fromRegion\": \"EU\", \"toCountry\": \"CN\", \"mechanism\": \"EU_SCC\", \"reference\": \"SCC-1\"}", "");
        given().contentType(ContentType.JSON).header("If-Match", "\"4\"").body(withoutTransfers)
                .put(PARTNERSHIPS + "/" + id)
                .then().statusCode(409).body("errors[0].field", equalTo("transfers"));
        given().contentType(ContentType.JSON).header("If-Match", "\"4\"")
                .body(activatable(reference, partnerId).replace("\"retentionDays\": 30", "\"retentionDays\": 7"))
                .put(PARTNERSHIPS + "/" + id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("revision", equalTo(5));
    }

    private static ValidatableResponse move(String id, String to) {
        return given().contentType(ContentType.JSON).body("{\"to\": \"" + to + "\", \"reason\": \"Because " + to + "\"}")
                .when().post(PARTNERSHIPS + "/" + id + "/transitions").then();
    }

    /** The approval by a second user; the other steps run as alice. */
    private static void approveAsBob(String id) {
        Identities.actAs("bob", "partnership-manager");
        try {
            move(id, "APPROVED").statusCode(200).body("status", equalTo("APPROVED"))
                    .body("lastTransition.actor", equalTo("bob"));
        } finally {
            Identities.actAs("alice", "partnership-manager");
        }
    }

    private static String partnerOf(String id) {
        return given().get(PARTNERSHIPS + "/" + id).then().extract().path("partnerId");
    }
}
