package dev.sightline.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Input the service refuses, each with a 400 problem naming the field and nothing stored: text no record can hold
 * (NUL, unpaired surrogates), instants and dates outside years 0001 to 9999 or not given as strings, empty strings
 * and padded UUIDs, unparsable query parameters, and partnerships outside the jurisdiction's markets.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DisclosureInputTest {
    private static final String PERIOD = "\"periodStart\": \"2026-01-01T00:00:00Z\", \"periodEnd\": "
            + "\"2026-07-01T00:00:00Z\"";

    @ServiceStub.Server
    WireMockServer server;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jurisdiction   | {"jurisdiction": "EU\\u0000", PERIOD}
            jurisdiction   | {"jurisdiction": "\\ud800", PERIOD}
            jurisdiction   | {"jurisdiction": "", PERIOD}
            periodStart    | {"jurisdiction": "EU", "periodStart": "+1000000000-01-01T00:00:00Z", "periodEnd": "2026-07-01T00:00:00Z"}
            periodStart    | {"jurisdiction": "EU", "periodStart": "-999999999-01-01T00:00:00Z", "periodEnd": "2026-07-01T00:00:00Z"}
            periodEnd      | {"jurisdiction": "EU", "periodStart": "2026-01-01T00:00:00Z", "periodEnd": "+10000-01-01T00:00:00Z"}
            periodStart    | {"jurisdiction": "EU", "periodStart": 0, "periodEnd": "2026-07-01T00:00:00Z"}
            periodEnd      | {"jurisdiction": "EU", "periodStart": "2026-01-01T00:00:00Z", "periodEnd": -1e400}
            periodStart    | {"jurisdiction": "EU", "periodStart": "", "periodEnd": "2026-07-01T00:00:00Z"}
            periodStart    | {"jurisdiction": "EU", "periodStart": " 2026-01-01T00:00:00Z", "periodEnd": "2026-07-01T00:00:00Z"}
            periodStartDate| {"jurisdiction": "CN", "periodStartDate": 20000, "periodEndDate": "2027-01-01"}
            periodStartDate| {"jurisdiction": "CN", "periodStartDate": [2026, 1, 1], "periodEndDate": "2027-01-01"}
            periodEndDate  | {"jurisdiction": "CN", "periodStartDate": "2026-01-01", "periodEndDate": "+10000-01-01"}
            periodEndDate  | {"jurisdiction": "CN", "periodStartDate": "2026-01-01", "periodEndDate": ""}
            supersedes     | {"jurisdiction": "EU", PERIOD, "supersedes": "41f30665-5112-4592-8ab7-9879e90c23c8\\u0000"}
            supersedes     | {"jurisdiction": "EU", PERIOD, "supersedes": "41f30665-5112-4592-8ab7-9879e90c23c8 "}
            supersedes     | {"jurisdiction": "EU", PERIOD, "supersedes": ""}
            supersedes     | {"jurisdiction": "EU", PERIOD, "supersedes": "1-1-1-1-1"}
            partnershipIds[0] | {"jurisdiction": "EU", PERIOD, "partnershipIds": [" 41f30665-5112-4592-8ab7-9879e90c23c8"]}
            """)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void refusesABadFieldInAGenerationRequest(String field, String body) {
        long before = rows();
        given().contentType(ContentType.JSON).body(body.replace("PERIOD", PERIOD)).post("/api/v1/disclosures")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field.strip()));
        assertEquals(before, rows(), "nothing stored");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL                | {"reason": "late\\u0000batch"}
            unpaired surrogate | {"reason": "late \\udc00 batch"}
            empty              | {"reason": ""}
            """)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void refusesAWithdrawalReasonNoRecordCanHold(String what, String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/disclosures/" + UUID.randomUUID()
                + "/withdraw").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({ "limit, abc", "limit, 1.5", "limit, 0", "from, +1000000000-01-01T00:00:00Z",
        "to, -999999999-01-01T00:00:00Z", "from, 0", "jurisdiction, E\u0000U", "status, DRA\u0000FT",
        "after, x\ud800" })
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void refusesAnUnparsableListFilterWith400(String name, String value) {
        given().queryParam(name, value).get("/api/v1/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(name));
    }

    @Test
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void refusesAPartnershipOfferedOutsideTheJurisdictionsMarkets() {
        UUID cnOnly = UUID.randomUUID();
        new Sources(server).stubPartnership(Sources.partnership(cnOnly, UUID.randomUUID(), "PRT-2026-0099", "CN"));
        long before = rows();
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"EU\", " + PERIOD + ", \"partnershipIds\": [\""
                + cnOnly + "\"]}").post("/api/v1/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("partnershipIds"))
                .body("errors[0].message", containsString("[CN]"));
        assertEquals(before, rows(), "nothing stored");
    }

    @Test
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void answersAnUnreadableContentTypeWithA415Problem() {
        ValidatableResponse response = given().contentType(ContentType.TEXT).body("EU").post("/api/v1/disclosures")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        response.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    private static long rows() {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                        "SELECT count(*) FROM disclosure.disclosure")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
