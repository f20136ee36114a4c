package dev.sightline.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffPagesTest {
    private static final String DRAFT_ID = "3c0e8f5a-1b2c-4d3e-8f4a-5b6c7d8e9f00";
    private static final String DRAFT_PARTNERSHIP = "6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f";
    private static final String ACTIVE_PARTNERSHIP = "7a1d8e2f-3b5c-4d9e-8f1a-2b3c4d5e6f70";
    private static final Pattern CSRF = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"");

    @BeforeEach
    void records() {
        ServicesStub.server.stubFor(get(urlPathEqualTo("/api/v1/partnerships")).willReturn(ServicesStub.json(
                "{\"items\": [" + partnership(DRAFT_PARTNERSHIP, "PRT-2026-0001", "Nimbus-LM voice assistance", "DRAFT")
                        + ", " + partnership(ACTIVE_PARTNERSHIP, "PRT-2026-0002", "Translation in China", "ACTIVE")
                        + "], \"next\": null}")));
        ServicesStub.server.stubFor(get(urlEqualTo("/api/v1/partnerships/" + DRAFT_PARTNERSHIP
                + "/activation-check")).willReturn(ServicesStub.json("{\"partnershipId\": \"" + DRAFT_PARTNERSHIP
                        + "\", \"revision\": 3, \"status\": \"DRAFT\", \"ready\": false, \"missing\": [{\"field\": "
                        + "\"transfers\", \"message\": \"no transfer mechanism for the flow EU → CN\"}]}")));
        ServicesStub.server.stubFor(get(urlPathEqualTo("/api/v1/violations")).willReturn(ServicesStub.json(
                "{\"items\": [{\"seq\": 17, \"partnershipId\": \"" + ACTIVE_PARTNERSHIP + "\", \"occurredAt\": "
                        + "\"2026-11-02T10:00:00Z\", \"status\": \"JUDGED\", \"policyRevision\": 2, \"violations\": "
                        + "[{\"kind\": \"COUNTRY_NOT_ALLOWED\", \"detail\": \"processed in US\"}]}], \"next\": null}")));
        ServicesStub.server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + DRAFT_ID + "/metadata"))
                .willReturn(ServicesStub.json(ServicesStub.metadata(DRAFT_ID, "EU", "DRAFT", "DRAFT", false, "alice",
                        null))));
        ServicesStub.server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + DRAFT_ID + "/report.json"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ServicesStub.resource("stub/EU.published.json"))));
    }

    @AfterEach
    void normalServices() {
        ServicesStub.stubDefaults();
    }

    @Test
    @TestSecurity(user = "alice", roles = { "partnership-manager", "disclosure-author" })
    void partnershipsShowTheirStatusAndWhatTheyLackToGoActive() {
        given().when().get("/partnerships").then().statusCode(200)
                .body(containsString("PRT-2026-0001"))
                .body(containsString("<strong>transfers</strong>: no transfer mechanism for the flow EU → CN"))
                .body(containsString("Staff view: every jurisdiction"));
    }

    @Test
    @TestSecurity(user = "ivan", roles = { "auditor", "partnership-viewer" })
    void violationsNameTheirPartnershipByReferenceAndTitle() {
        given().when().get("/violations").then().statusCode(200)
                .body(containsString("PRT-2026-0002: Translation in China"))
                .body(containsString("COUNTRY_NOT_ALLOWED"))
                .body(containsString("<time datetime=\"2026-11-02T10:00:00Z\">2 November 2026, 10:00 UTC</time>"))
                .body(not(containsString("<td>" + ACTIVE_PARTNERSHIP)));
    }

    @Test
    @TestSecurity(user = "alice", roles = { "partnership-manager", "disclosure-author" })
    void aliceDraftsADisclosureThroughAFormWithItsCsrfToken() {
        ServicesStub.server.stubFor(post(urlEqualTo("/api/v1/disclosures")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(ServicesStub.metadata(DRAFT_ID, "EU", "DRAFT", "DRAFT", false, "alice", null))));
        Response form = given().when().get("/drafts/new");
        form.then().statusCode(200);
        Matcher token = CSRF.matcher(form.asString());
        assertTrue(token.find(), "the form carries a CSRF token");

        given().redirects().follow(false).cookies(form.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token.group(1), token.group(2)).formParam("jurisdiction", "EU")
                .formParam("periodStartDate", "2026-01-01").formParam("periodEndDate", "2026-07-01")
                .when().post("/drafts").then().statusCode(303)
                .header("Location", endsWith("/disclosures/" + DRAFT_ID));
        ServicesStub.server.verify(postRequestedFor(urlEqualTo("/api/v1/disclosures")).withRequestBody(equalToJson(
                "{\"jurisdiction\": \"EU\", \"periodStartDate\": \"2026-01-01\", \"periodEndDate\": \"2026-07-01\"}")));

        // without the token the form is refused and nothing reaches the service
        ServicesStub.server.resetRequests();
        given().redirects().follow(false).cookies(form.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam("jurisdiction", "EU").formParam("periodStartDate", "2026-01-01")
                .formParam("periodEndDate", "2026-07-01").when().post("/drafts").then().statusCode(400);
        ServicesStub.server.verify(0, postRequestedFor(urlEqualTo("/api/v1/disclosures")));
    }

    @Test
    @TestSecurity(user = "alice", roles = { "partnership-manager", "disclosure-author" })
    void theServicesProblemIsShownInPlainWords() {
        ServicesStub.server.stubFor(post(urlEqualTo("/api/v1/disclosures")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"type\": \"about:blank\", "
                        + "\"title\": \"Invalid request\", \"status\": 400, \"detail\": \"The period is not valid\", "
                        + "\"errors\": [{\"field\": \"periodEndDate\", \"message\": \"must be after periodStartDate\"}]}")));
        Response form = given().when().get("/drafts/new");
        Matcher token = CSRF.matcher(form.asString());
        token.find();
        given().cookies(form.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token.group(1), token.group(2)).formParam("jurisdiction", "EU")
                .formParam("periodStartDate", "2026-07-01").formParam("periodEndDate", "2026-01-01")
                .when().post("/drafts").then().statusCode(400)
                .body(containsString("The period is not valid"))
                .body(containsString("<strong>periodEndDate</strong>: must be after periodStartDate"))
                .body(containsString("value=\"2026-07-01\""));
    }

    @Test
    @TestSecurity(user = "alice", roles = { "partnership-manager", "disclosure-author" })
    void theAuthorSeesWhoMayPublishHerDraftAndNoPublishButton() {
        given().when().get("/disclosures/" + DRAFT_ID).then().statusCode(200)
                .body(containsString("Authored by <strong id=\"author\">alice</strong>"))
                .body(containsString("Only a disclosure-publisher other than alice may publish it."))
                .body(not(containsString("id=\"publish\"")))
                .body(not(containsString("id=\"verify\"")));
    }

    @Test
    @TestSecurity(user = "bob", roles = { "partnership-manager", "disclosure-publisher" })
    void anotherPublisherPublishesItWithHisAttestation() {
        ServicesStub.server.stubFor(post(urlEqualTo("/api/v1/disclosures/" + DRAFT_ID + "/publish"))
                .willReturn(ServicesStub.json(ServicesStub.metadata(DRAFT_ID, "EU", "PUBLISHED", "CURRENT", true,
                        "alice", "bob"))));
        Response page = given().when().get("/disclosures/" + DRAFT_ID);
        page.then().statusCode(200).body(containsString("You may publish it"))
                .body(containsString("id=\"publish\""));
        Matcher token = CSRF.matcher(page.asString());
        token.find();
        given().redirects().follow(false).cookies(page.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token.group(1), token.group(2)).formParam("name", "Bob Brandt")
                .formParam("title", "Chief Privacy Officer")
                .formParam("statement", "I attest that this disclosure is complete and accurate.")
                .when().post("/disclosures/" + DRAFT_ID + "/publish").then().statusCode(303)
                .header("Location", endsWith("/disclosures/" + DRAFT_ID));
        ServicesStub.server.verify(postRequestedFor(urlEqualTo("/api/v1/disclosures/" + DRAFT_ID + "/publish"))
                .withRequestBody(equalToJson("{\"attestation\": {\"name\": \"Bob Brandt\", \"title\": "
                        + "\"Chief Privacy Officer\", \"statement\": \"I attest that this disclosure is complete and "
                        + "accurate.\"}}")));
    }

    @Test
    @TestSecurity(user = "bob", roles = { "partnership-manager", "disclosure-publisher" })
    void theServiceHasTheLastWordOnFourEyes() {
        ServicesStub.server.stubFor(post(urlEqualTo("/api/v1/disclosures/" + DRAFT_ID + "/publish"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\": \"Forbidden\", \"status\": 403, \"detail\": \"The author of a draft "
                                + "may not publish it\"}")));
        Response page = given().when().get("/disclosures/" + DRAFT_ID);
        Matcher token = CSRF.matcher(page.asString());
        token.find();
        given().cookies(page.getCookies()).contentType("application/x-www-form-urlencoded")
                .formParam(token.group(1), token.group(2)).formParam("name", "Bob Brandt")
                .formParam("title", "CPO").formParam("statement", "I attest.")
                .when().post("/disclosures/" + DRAFT_ID + "/publish").then().statusCode(403)
                .body(containsString("Not allowed"))
                .body(containsString("The author of a draft may not publish it"));
    }

    private static String partnership(String id, String reference, String title, String status) {
        return "{\"id\": \"" + id + "\", \"reference\": \"" + reference + "\", \"title\": \"" + title
                + "\", \"partnerName\": \"Quillfeather Cloud Intelligence\", \"status\": \"" + status
                + "\", \"markets\": [\"DE\", \"CN\"], \"effectiveFrom\": \"2026-03-01\", \"effectiveTo\": null, "
                + "\"revision\": 3}";
    }
}
