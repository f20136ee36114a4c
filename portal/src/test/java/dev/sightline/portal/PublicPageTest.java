package dev.sightline.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = false)
class PublicPageTest {
    @AfterEach
    void normalServices() {
        ServicesStub.stubDefaults();
    }

    @Test
    void showsTheKeysWithTheirFingerprintsAndTheLatestCheckpointWithoutSignIn() {
        given().when().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("Larkspur Devices"))
                .body(containsString("Public view: every jurisdiction"))
                .body(containsString("<code class=\"fingerprint\">" + ServicesStub.KEY_THUMBPRINT + "</code>"))
                .body(containsString("<dd id=\"checkpoint-size\">4391</dd>"))
                .body(containsString("witness.example/w1"))
                .body(containsString("href=\"/sign-in\""));
        ServicesStub.server.verify(getRequestedFor(urlEqualTo("/api/v1/checkpoints/latest"))
                .withoutHeader("Authorization"));
    }

    @Test
    void listsThePublishedDisclosuresPerJurisdictionWithTheirDigestsAndKeysWithoutSignIn() {
        String page = given().when().get("/").then().statusCode(200)
                .body(containsString("<caption>CN</caption>"))
                .body(containsString("<caption>EU</caption>"))
                .body(containsString("<tr id=\"disclosure-" + ServicesStub.EU_ID + "\">"))
                .body(containsString("<code class=\"wrap\" data-field=\"digest\">" + ServicesStub.DIGEST + "</code>"))
                .body(containsString("<code class=\"fingerprint\" data-field=\"key\">" + ServicesStub.KEY_THUMBPRINT
                        + "</code>"))
                .body(containsString("<td data-field=\"checkpoint\">4000</td>"))
                .body(containsString("data-field=\"standing\">SUPERSEDED</span>"))
                // each period in its jurisdiction's reporting time zone, named
                .body(containsString("<tr id=\"disclosure-" + ServicesStub.EU_ID + "\"><th scope=\"row\" "
                        + "data-field=\"period\"><time datetime=\"2026-01-01T00:00:00Z\">1 January 2026 01:00</time> – "
                        + "<time datetime=\"2026-07-01T00:00:00Z\">1 July 2026 02:00</time> (Europe/Brussels)</th>"))
                .body(containsString("<tr id=\"disclosure-" + ServicesStub.CN_ID + "\"><th scope=\"row\" "
                        + "data-field=\"period\"><time datetime=\"2026-01-01T00:00:00Z\">1 January 2026 08:00</time> – "
                        + "<time datetime=\"2026-07-01T00:00:00Z\">1 July 2026 08:00</time> (Asia/Shanghai)</th>"))
                .body(containsString("<td data-field=\"published\"><time datetime=\"2026-07-03T08:00:00.100Z\">"
                        + "3 July 2026, 08:00 UTC</time></td>"))
                .body(containsString("<time datetime=\"2026-07-01T00:00:01Z\" id=\"checkpoint-time\">1 July 2026, "
                        + "00:00 UTC</time>"))
                .body(containsString("<strong>witness.example/w1</strong>, <time datetime=\"2026-07-01T00:00:02Z\">"
                        + "1 July 2026, 00:00 UTC</time>"))
                .extract().asString();
        int cn = page.indexOf("id=\"public-disclosures-CN\"");
        int eu = page.indexOf("id=\"public-disclosures-EU\"");
        int current = page.indexOf("disclosure-" + ServicesStub.EU_ID);
        int superseded = page.indexOf("disclosure-" + ServicesStub.PREVIOUS_ID);
        assertTrue(cn > 0 && eu > cn && current > eu && superseded > current,
                "per jurisdiction, the latest version of a period first");
        ServicesStub.server.verify(getRequestedFor(urlEqualTo("/api/v1/public/disclosures?limit=500"))
                .withoutHeader("Authorization"));
    }

    @Test
    void aDisclosureServiceThatDoesNotAnswerLeavesTheListSayingSo() {
        ServicesStub.server.stubFor(get(urlPathEqualTo("/api/v1/public/disclosures")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Service Unavailable\", \"status\": 503}")));
        given().when().get("/").then().statusCode(200)
                .body(containsString("The published disclosures could not be read just now"))
                .body(containsString("<dd id=\"checkpoint-size\">4391</dd>"));
    }

    @Test
    void everyPageForbidsInlineScriptAndFraming() {
        given().when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"),
                        containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline"))))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("<a class=\"skip\" href=\"#main\">Skip to content</a>"))
                .body(containsString("<main id=\"main\" tabindex=\"-1\">"))
                .body(not(containsString("<script>")));
        given().when().get("/css/portal.css").then().statusCode(200).body(containsString(":focus-visible"));
    }

    @Test
    void aServiceThatDoesNotAnswerLeavesItsPartSayingSo() {
        ServicesStub.server.stubFor(get(urlEqualTo("/api/v1/checkpoints/latest")).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Service Unavailable\", \"status\": 503}")));
        given().when().get("/").then().statusCode(200)
                .body(containsString("The checkpoint could not be read just now"))
                .body(containsString(ServicesStub.KEY_THUMBPRINT));
    }

    @Test
    void servesThePublicFilesTheBrowserVerifies() {
        given().when().get("/public/checkpoint.txt").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(equalTo(ServicesStub.NOTE));
        given().when().get("/public/disclosure-keys.json").then().statusCode(200)
                .body("keys[0].x", equalTo(ServicesStub.KEY_X));
        given().when().get("/public/log-keys.json").then().statusCode(200)
                .body("keys[0].kid", equalTo(ServicesStub.KEY_THUMBPRINT));
    }

    @Test
    void anUnknownPageIsThePortalsNotFoundPage() {
        given().when().get("/no-such-page").then().statusCode(404)
                .contentType(startsWith("text/html")).body(containsString("<h1>Not found</h1>"));
    }
}
