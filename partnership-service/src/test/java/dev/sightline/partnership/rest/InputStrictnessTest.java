package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.partnership.Fixtures.partnerBody;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.writtenRows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Input the database would refuse or that would be stored as something else is a 400 problem naming the field,
 * and writes nothing: NUL characters and unpaired surrogates, numbers and empty strings for dates, padded UUIDs,
 * dates outside years 0001 to 9999, blank or unparsable query parameters, contact data in free text.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class InputStrictnessTest {
    private static final String PARTNERSHIPS = "/api/v1/partnerships";

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesStringsTheDatabaseCannotStore() {
        String partnerId = createPartner("CN");
        String id = createPartnership(partnerId);
        long before = writtenRows();
        given().contentType(ContentType.JSON).body(partnerBody("Nimbus\\u0000 Ltd", "CN")).post("/api/v1/partners")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("legalName"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        Map<String, String> fieldsAndBodies = Map.of(
                "title", body(partnerId).replace("Nimbus-LM voice", "Nimbus-LM \\ud800 voice"),
                "publicCommitments[0]", body(partnerId).replace("Voice recordings", "Voice\\u0000 recordings"),
                "dataPolicy.allowedPurposes[0]", body(partnerId).replace("[\"voice-assistance\"]", "[\"voice\\udc00\"]"),
                "features[0].name", body(partnerId).replace("\"Voice assistant\"", "\"Voice \\ud83d\""));
        fieldsAndBodies.forEach((field, body) -> post(body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"ready\\u0000\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        for (String path : List.of(PARTNERSHIPS, "/api/v1/partners")) {
            given().queryParam("q", "Nim\u0000bus").get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        }
        assertEquals(before, writtenRows());
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesDatesAndIdsThatWouldBeCoerced() {
        String partnerId = createPartner("CN");
        long before = writtenRows();
        Map<String, String> refused = Map.ofEntries(
                Map.entry("0", "effectiveFrom"), Map.entry("-1e400", "effectiveFrom"), Map.entry("\"\"", "effectiveFrom"),
                Map.entry("\"+10000-01-01\"", "effectiveFrom"), Map.entry("\"0000-12-31\"", "effectiveFrom"),
                Map.entry("\"-999999999-01-01\"", "effectiveFrom"), Map.entry("\"2025-1-1\"", "effectiveFrom"));
        refused.forEach((value, field) -> post(body(partnerId).replace("\"effectiveFrom\": \"2025-01-01\"",
                "\"effectiveFrom\": " + value)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString("years 0001 to 9999")));
        post(body(partnerId).replace("\"nextReview\": \"2099-01-01\"", "\"nextReview\": 4102444800"))
                .statusCode(400).body("errors[0].field", equalTo("assessments[0].nextReview"));
        for (String padded : List.of(partnerId + " ", partnerId + "\\u0000", " " + partnerId, "", "1-1-1-1-1")) {
            post(body(partnerId).replace("\"partnerId\": \"" + partnerId + "\"", "\"partnerId\": \"" + padded + "\""))
                    .statusCode(400).body("errors[0].field", equalTo("partnerId"));
        }
        // The range's ends are fine.
        post(body(partnerId).replace("\"effectiveTo\": null", "\"effectiveTo\": \"9999-12-31\"")).statusCode(201);
        assertEquals(before + 3, writtenRows());
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesBlankUnparsableAndOutOfRangeQueryParameters() {
        String id = createPartnership(createPartner("CN"));
        String p = PARTNERSHIPS + "/" + id;
        long before = writtenRows();
        Map<String, String> atValues = Map.of("-999999999-01-01T00:00:00Z", "at", "+1000000000-01-01T00:00:00Z", "at",
                "10000-01-01T00:00:00Z", "at", "", "at", " ", "at");
        atValues.forEach((value, field) -> {
            for (String path : List.of(p, p + "/policy")) {
                Response response = given().queryParam("at", value).get(path);
                assertEquals(400, response.statusCode(), "at=" + value + ": " + response.asString());
                assertEquals(field, response.path("errors[0].field"), "at=" + value);
            }
        });
        for (String limit : List.of("abc", "", "1.5", "0", "501", "-1", "99999999999")) {
            badQuery(PARTNERSHIPS, "limit", limit);
            badQuery("/api/v1/partners", "limit", limit);
            badQuery(p + "/revisions", "limit", limit);
        }
        for (String name : List.of("status", "partnerId", "market", "riskClass", "after")) {
            badQuery(PARTNERSHIPS, name, "");
        }
        badQuery(PARTNERSHIPS, "partnerId", UUID.randomUUID() + " ");
        badQuery(PARTNERSHIPS, "partnerId", "1-1-1-1-1");
        badQuery(PARTNERSHIPS, "market", " DE");
        badQuery("/api/v1/partners", "country", "");
        badQuery(p + "/revisions", "after", "x");
        for (String revision : List.of("abc", "-1", "0", "1.0")) {
            given().get(p + "/revisions/" + revision).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("revision"));
        }
        given().get(p + "/revisions/99").then().statusCode(404);
        // Read by read the valid ones were audited; the refused ones wrote nothing.
        assertEquals(before, writtenRows());
        given().queryParam("q", "").get(PARTNERSHIPS).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesContactDataInFreeText() {
        String partnerId = createPartner("CN");
        String id = createPartnership(partnerId);
        long before = writtenRows();
        for (String reason : List.of("Call Jane on +49 151 23456789", "ask jane.doe@example.com", "tel:4915123456789",
                "refund to DE89 3704 0044 0532 0130 00", "call 0151 23456789")) {
            given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"" + reason + "\"}")
                    .post(PARTNERSHIPS + "/" + id + "/transitions").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("reason"))
                    .body("errors[0].message", containsString("contact data"));
        }
        post(body(partnerId).replace("Partner model answers voice queries.", "Escalations: jane@partner.cn"))
                .statusCode(400).body("errors.field", hasItem("description"));
        post(body(partnerId).replace("\"basis\": \"GDPR Art. 6(1)(a) consent\"",
                "\"basis\": \"GDPR Art. 6(1)(a) consent\", \"notes\": \"Jane, 0049 30 1234567\""))
                .statusCode(400).body("errors.field", hasItem("legalBases[0].notes"));
        given().contentType(ContentType.JSON)
                .body(partnerBody("Partner " + UUID.randomUUID(), "CN").replace("\"parentGroup\"",
                        "\"ownershipNotes\": \"Owner's IBAN GB82 WEST 1234 5698 7654 32\", \"parentGroup\""))
                .post("/api/v1/partners").then().statusCode(400).body("errors[0].field", equalTo("ownershipNotes"));
        assertEquals(before, writtenRows());
        // References, dates and amounts are not contact data.
        given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"SCC-2026-014 signed "
                + "2026-02-10; retention 30 days; DPIA-2026-007 v2.1; budget 1,000,000 EUR\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions").then().statusCode(200);
    }

    private static String body(String partnerId) {
        return activatable(reference(), partnerId);
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PARTNERSHIPS).then();
    }

    private static void badQuery(String path, String name, String value) {
        given().queryParam(name, value).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(name));
    }
}
