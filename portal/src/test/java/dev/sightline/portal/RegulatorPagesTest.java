package dev.sightline.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegulatorPagesTest {
    private static final String PAGE = "/disclosures/" + ServicesStub.EU_ID;

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    @OidcSecurity(claims = @Claim(key = "jurisdictions", value = "EU"))
    void listsTheDisclosuresTheServiceGivesTheCurrentOneFirstAndLabelled() {
        String page = given().when().get("/disclosures").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("Jurisdiction: EU"))
                .body(containsString("Signed in as <strong id=\"signed-in-as\">regina</strong>"))
                .extract().asString();
        // times in words, the exact instant beside them; the period in the reporting time zone the service names,
        // as the disclosure page says it
        assertTrue(page.contains("<time datetime=\"2026-01-01T00:00:00Z\">1 January 2026 01:00</time> – "
                + "<time datetime=\"2026-07-01T00:00:00Z\">1 July 2026 02:00</time> (Europe/Brussels)"), page);
        assertTrue(page.contains("<th scope=\"col\">Period (end exclusive)</th>"), page);
        assertTrue(page.contains("<time datetime=\"2026-07-03T08:00:00.100Z\">3 July 2026, 08:00 UTC</time> (bob)"),
                page);
        assertFalse(page.contains(">2026-07-03T08:00:00.100Z<"), "no raw instant shown");
        int current = page.indexOf("badge-current");
        int superseded = page.indexOf("badge-superseded");
        assertEquals(true, current > 0 && superseded > current, "CURRENT is listed before SUPERSEDED");
        ServicesStub.server.verify(getRequestedFor(urlEqualTo("/api/v1/disclosures?limit=500"))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    @OidcSecurity(claims = @Claim(key = "jurisdictions", value = "EU"))
    void showsTheReportWithItsOwnLabelsAndTheHooksForTheBrowsersVerification() {
        given().when().get(PAGE).then().statusCode(200)
                .body(containsString("<h1>EU transparency disclosure: foreign AI partnerships and user data</h1>"))
                // the report's labels, not its keys
                .body(containsString("EU standard contractual clauses"))
                .body(containsString("Processing country not allowed"))
                .body(containsString("Who is accountable"))
                // the figures of the JSON
                .body(containsString("<td>1200</td>"))
                .body(containsString("<td>1350</td>"))
                .body(containsString("<td>410</td>"))
                .body(containsString("id=\"disclosure\""))
                .body(containsString("data-report-url=\"" + PAGE + "/files/report.json\""))
                .body(containsString("data-jws-url=\"" + PAGE + "/files/report.json.jws\""))
                .body(containsString("data-keys-url=\"/public/disclosure-keys.json\""))
                .body(containsString("data-checkpoint-url=\"/public/checkpoint.txt\""))
                .body(containsString("data-log-key-url=\"/public/log-keys.json\""))
                .body(containsString("data-previous-url=\"/disclosures/" + ServicesStub.PREVIOUS_ID + "/files/report.json\""))
                .body(containsString("<script type=\"module\" src=\"/js/verify-disclosure.js\"></script>"))
                .body(containsString("<button type=\"button\" id=\"verify\">Verify in this browser</button>"))
                .body(containsString("<div id=\"verify-result\" aria-live=\"polite\" role=\"status\"></div>"))
                .body(containsString(ServicesStub.KEY_THUMBPRINT))
                // the period in the reporting time zone, as the PDF says it; instants in words, exact beside
                .body(containsString("<span id=\"period\" title=\"2026-01-01T00:00:00Z – 2026-07-01T00:00:00Z\">"
                        + "1 January 2026 01:00 – 1 July 2026 02:00 (Europe/Brussels)</span>"))
                .body(containsString("<time datetime=\"2026-07-03T08:00:00.100Z\">3 July 2026, 08:00 UTC</time> (bob)"))
                .body(containsString("<time datetime=\"2026-07-02T10:11:12.345678Z\">2 July 2026, 10:11 UTC</time>"
                        + " (alice)"))
                .body(containsString("<time datetime=\"2026-06-30T23:59:59.999999Z\">30 June 2026, 23:59 UTC</time>"));
        ServicesStub.server.verify(getRequestedFor(urlEqualTo("/api/v1/disclosures/" + ServicesStub.EU_ID
                + "/report.json")).withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    @OidcSecurity(claims = @Claim(key = "jurisdictions", value = "EU"))
    void aPreviousDisclosureThePersonMayNotReadIsNotOfferedToTheBrowser() {
        // superseded since: a regulator no longer sees it, and the browser would fail to fetch its report
        ServicesStub.server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + ServicesStub.PREVIOUS_ID + "/metadata"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404}")));
        try {
            given().when().get(PAGE).then().statusCode(200)
                    .body(containsString("data-previous-url=\"\""))
                    .body(containsString("data-digest=\"7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4\""))
                    .body(containsString("data-log-key-url=\"/public/log-keys.json\""));
        } finally {
            ServicesStub.stubDefaults();
        }
    }

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    @OidcSecurity(claims = @Claim(key = "jurisdictions", value = "EU"))
    void downloadsAFileByteForByteAsTheServiceServedIt() {
        byte[] pdf = given().when().get(PAGE + "/files/report.pdf").then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"disclosure-EU.pdf\"")
                .extract().asByteArray();
        assertArrayEquals(new byte[] { '%', 'P', 'D', 'F', '-', '1', '.', '7', 0, (byte) 0xff }, pdf);
        given().when().get(PAGE + "/checkpoint.txt").then().statusCode(200)
                .body(containsString("sightline.example/audit-log\n4391\n"));
    }

    @Test
    @TestSecurity(user = "chen", roles = "regulator")
    @OidcSecurity(claims = @Claim(key = "jurisdictions", value = "CN"))
    void whatTheServiceDoesNotShowIsTheSameNotFoundPageAsNonsense() {
        String unknown = given().when().get("/disclosures/" + ServicesStub.UNKNOWN_ID).then().statusCode(404)
                .contentType(startsWith("text/html")).extract().asString();
        String nonsense = given().when().get("/disclosures/not-an-id").then().statusCode(404).extract().asString();
        assertEquals(unknown, nonsense);
        given().when().get(PAGE + "/files/secrets.txt").then().statusCode(404);
    }

    @Test
    void signingInIsNeededForTheDisclosures() {
        given().redirects().follow(false).when().get("/disclosures").then().statusCode(lessThan(500))
                .statusCode(not(200));
    }
}
