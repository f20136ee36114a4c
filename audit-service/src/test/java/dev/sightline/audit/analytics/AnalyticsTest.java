package dev.sightline.audit.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sightline.audit.Fixtures.awaitTrue;
import static dev.sightline.audit.analytics.PartnershipServiceStub.policy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verdicts, statistics, thresholds and the authority register over real HTTP and PostgreSQL, policy stubbed. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = PartnershipServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "audit-writer", "auditor" })
class AnalyticsTest {
    /** The transaction-level advisory lock every appender of the log takes. */
    private static final long APPEND_LOCK = 0x5349_4748_544c_0001L;

    @PartnershipServiceStub.Server
    WireMockServer partnershipService;

    /** Metrics are served on the management interface only. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /** Revision 1 from 2026-01-01: voice on the device in DE; revision 2 from 2026-06-01 adds the partner's cloud. */
    private void stubTwoRevisions(UUID id) {
        String path = "/api/v1/partnerships/" + id + "/policy";
        partnershipService.stubFor(get(urlPathEqualTo(path)).withQueryParam("at", matching("20(2[0-5]|00).*"))
                .willReturn(json(policy(id, null, null, "2026-01-01T00:00:00Z", "[]", false, "[]"))));
        partnershipService.stubFor(get(urlPathEqualTo(path)).withQueryParam("at", matching("2026-0[1-5].*"))
                .willReturn(json(policy(id, 1, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "[\"ON_DEVICE\"]", false,
                        "[\"DE\"]"))));
        partnershipService.stubFor(get(urlPathEqualTo(path)).withQueryParam("at", matching("2026-(0[6-9]|1[0-2]).*"))
                .willReturn(json(policy(id, 2, "2026-06-01T00:00:00Z", null, "[\"ON_DEVICE\", \"PARTNER_CLOUD\"]",
                        false, "[\"DE\"]"))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ObjectNode event(UUID partnership, String at) {
        ObjectNode event = Fixtures.event();
        event.put("partnershipId", partnership.toString());
        event.put("occurredAt", at);
        return event;
    }

    private static List<Long> appendAndSign(List<ObjectNode> events) {
        List<Long> seqs = Fixtures.append(events);
        given().post("/api/v1/checkpoints").then().statusCode(200);
        return seqs;
    }

    private static JsonPath verdict(long seq) {
        return given().get("/api/v1/verdicts/" + seq).then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    private static JsonPath judged(long seq) {
        awaitTrue("entry " + seq + " is judged", () -> "JUDGED".equals(verdict(seq).getString("status")));
        return verdict(seq);
    }

    private static List<String> kinds(long seq) {
        return judged(seq).getList("violations.kind", String.class);
    }

    @Test
    void catchesEachViolationKindUnderThePolicyInForceWhenTheEventHappened() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        UUID unknown = UUID.randomUUID();
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + unknown + "/policy"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 404}")));
        List<ObjectNode> events = new ArrayList<>();
        events.add(event(id, "2026-03-01T10:00:00Z")); // 0: inside revision 1
        events.add(event(id, "2026-03-01T11:00:00Z")); // 1: partner cloud under an on-device promise
        events.get(1).with("processing").put("mode", "PARTNER_CLOUD");
        events.add(event(id, "2026-07-01T10:00:00Z")); // 2: partner cloud after revision 2 allowed it
        events.get(2).with("processing").put("mode", "PARTNER_CLOUD");
        events.add(event(id, "2026-03-02T10:00:00Z")); // 3: biometric: forbidden and sensitive
        events.get(3).putArray("dataCategories").add("user.biometric");
        events.add(event(id, "2026-03-02T11:00:00Z")); // 4: processed in the US
        events.get(4).with("processing").put("country", "US");
        events.add(event(id, "2026-03-02T12:00:00Z")); // 5: another purpose
        events.get(5).put("purpose", "advertising");
        events.add(event(id, "2025-06-01T10:00:00Z")); // 6: before the partnership existed
        events.add(event(unknown, "2026-03-01T10:00:00Z")); // 7: no such partnership
        events.add(event(id, "2026-03-03T10:00:00Z")); // 8: governance event: no user data, anywhere
        events.get(8).putArray("dataCategories");
        events.get(8).with("processing").put("mode", "COMPANY_CLOUD").put("country", "US");
        events.get(8).put("purpose", "governance");
        List<Long> seqs = appendAndSign(events);

        assertEquals(List.of(), kinds(seqs.get(0)));
        assertEquals(List.of("MODE_NOT_ALLOWED"), kinds(seqs.get(1)));
        assertEquals(1, verdict(seqs.get(1)).getInt("policyRevision"));
        assertEquals(List.of(), kinds(seqs.get(2)), "judged by revision 2, in force on 2026-07-01");
        assertEquals(List.of("CATEGORY_NOT_ALLOWED", "SENSITIVE_NOT_ALLOWED"), kinds(seqs.get(3)));
        assertEquals(List.of("COUNTRY_NOT_ALLOWED"), kinds(seqs.get(4)));
        assertEquals(List.of("PURPOSE_NOT_ALLOWED"), kinds(seqs.get(5)));
        assertEquals(List.of("PARTNERSHIP_NOT_ACTIVE"), kinds(seqs.get(6)));
        assertEquals(List.of("UNKNOWN_PARTNERSHIP"), kinds(seqs.get(7)));
        assertEquals(List.of(), kinds(seqs.get(8)));

        JsonPath page = given().queryParam("partnershipId", id.toString()).queryParam("limit", 2)
                .get("/api/v1/violations").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(seqs.get(1), seqs.get(3)), page.getList("items.seq", Long.class));
        JsonPath rest = given().queryParam("partnershipId", id.toString()).queryParam("after", page.getLong("next"))
                .get("/api/v1/violations").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(seqs.get(4), seqs.get(5), seqs.get(6)), rest.getList("items.seq", Long.class));
        given().queryParam("partnershipId", id.toString()).queryParam("kind", "SENSITIVE_NOT_ALLOWED")
                .get("/api/v1/violations").then().statusCode(200).body("items.seq", equalTo(List.of(seqs.get(3).intValue())))
                .body("items[0].violations.kind", equalTo(List.of("CATEGORY_NOT_ALLOWED", "SENSITIVE_NOT_ALLOWED")));
        given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-03-02T00:00:00Z")
                .queryParam("to", "2026-03-02T11:30:00Z").get("/api/v1/violations").then()
                .body("items.seq", equalTo(List.of(seqs.get(3).intValue(), seqs.get(4).intValue())));
        given().queryParam("kind", "SOMETHING").get("/api/v1/violations").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/verdicts/999999999").then().statusCode(404);
    }

    @Test
    void survivesThePartnershipServiceBeingDownAndJudgesLater() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        partnershipService.stop();
        List<Long> seqs;
        try {
            List<ObjectNode> events = new ArrayList<>();
            events.add(event(id, "2026-04-01T10:00:00Z"));
            events.add(event(id, "2026-04-01T11:00:00Z"));
            events.get(1).with("processing").put("mode", "PARTNER_CLOUD");
            // ingestion does not wait for the partnership-service
            seqs = appendAndSign(events);
            awaitTrue("the verdicts are parked for a retry", () -> verdict(seqs.get(1)).getInt("attempts") >= 2);
            assertEquals("PENDING", verdict(seqs.get(0)).getString("status"));
            assertTrue(verdict(seqs.get(1)).getString("lastError") != null);
        } finally {
            partnershipService.start();
        }
        assertEquals(List.of(), kinds(seqs.get(0)));
        assertEquals(List.of("MODE_NOT_ALLOWED"), kinds(seqs.get(1)));
    }

    @Test
    void countsEventsRecordsAndDistinctSubjectsExactlyAtACheckpoint() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode e = event(id, "2026-05-0" + (1 + i % 3) + "T0" + i + ":30:00Z");
            e.put("subjectRef", Fixtures.subjectRef("subject" + (i % 4)));
            e.put("recordCount", i + 1);
            if (i % 2 == 1) {
                e.putArray("dataCategories").add("user.content.voice").add("user.content.text");
            }
            events.add(e);
        }
        List<Long> seqs = appendAndSign(events);
        long size = seqs.get(seqs.size() - 1) + 1;
        awaitTrue("the rollup reaches the checkpoint", () -> given().get("/api/v1/stats").then().extract().jsonPath()
                .getLong("checkpoint.size") >= size);
        JsonPath all = given().queryParam("partnershipId", id.toString()).queryParam("groupBy", "category,mode")
                .queryParam("groupBy", "outcome").get("/api/v1/stats").then().statusCode(200)
                .body("checkpoint.root", notNullValue()).extract().jsonPath();
        assertEquals(6, all.getLong("totals.events"));
        assertEquals(21, all.getLong("totals.records"));
        assertEquals(4, all.getLong("totals.subjects"));
        assertEquals(List.of("user.content.text", "user.content.voice"),
                all.getList("breakdowns[0].groups.value", String.class));
        assertEquals(List.of(3, 6), all.getList("breakdowns[0].groups.events", Integer.class));
        // subjects 1 and 3 had text; voice: all four
        assertEquals(List.of(2, 4), all.getList("breakdowns[0].groups.subjects", Integer.class));
        assertEquals("mode", all.getString("breakdowns[1].dimension"));
        // a partial day at each edge: 2026-05-01T01:00 .. 2026-05-03T02:00 leaves out events 0 (05-01 00:30) and 5
        JsonPath partial = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-05-01T01:00:00Z")
                .queryParam("to", "2026-05-03T03:00:00Z").get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        assertEquals(4, partial.getLong("totals.events"));
        assertEquals(2 + 3 + 4 + 5, partial.getLong("totals.records"));
        assertEquals(4, partial.getLong("totals.subjects"));
        JsonPath sameDay = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-05-02T00:00:00Z")
                .queryParam("to", "2026-05-02T02:00:00Z").get("/api/v1/stats").then().extract().jsonPath();
        assertEquals(1, sameDay.getLong("totals.events"));
        given().queryParam("groupBy", "colour").get("/api/v1/stats").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("from", "2026-05-02T00:00:00Z").queryParam("to", "2026-05-01T00:00:00Z")
                .get("/api/v1/stats").then().statusCode(400);
    }

    @Test
    void crossesTheUsGenomicThresholdAtEachBoundary() {
        UUID id = UUID.randomUUID();
        String path = "/api/v1/partnerships/" + id + "/policy";
        partnershipService.stubFor(get(urlPathEqualTo(path)).willReturn(json(policy(id, 1, "2026-01-01T00:00:00Z", null,
                "[\"PARTNER_CLOUD\"]", true, "[\"US\"]", "[\"user\"]", "[\"US\", \"DE\"]"))));
        int[] steps = { 79, 1, 20, 1 };
        String[] expected = { "BELOW", "NEAR", "NEAR", "EXCEEDED" }; // 79, 80, exactly 100 (not more than it), 101
        int subjects = 0;
        for (int s = 0; s < steps.length; s++) {
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < steps[s]; i++) {
                ObjectNode e = event(id, "2026-08-0" + (1 + subjects % 5) + "T10:00:00Z");
                e.putArray("dataCategories").add("user.genomic");
                e.with("processing").put("mode", "PARTNER_CLOUD").put("country", "US");
                e.put("subjectRef", Fixtures.subjectRef("gen" + subjects++));
                events.add(e);
            }
            // the same people again do not count twice
            events.add(events.get(0).deepCopy().put("eventId", UUID.randomUUID().toString()));
            long size = appendAndSign(events).get(events.size() - 1) + 1;
            int count = subjects;
            awaitTrue("thresholds reach the checkpoint", () -> given().queryParam("partnershipId", id.toString())
                    .queryParam("at", "2026-12-01T00:00:00Z").get("/api/v1/thresholds").then().extract().jsonPath()
                    .getLong("checkpoint.size") >= size);
            JsonPath result = given().queryParam("partnershipId", id.toString()).queryParam("at", "2026-12-01T00:00:00Z")
                    .get("/api/v1/thresholds").then().statusCode(200).body("ruleSetVersion", equalTo("2026.3"))
                    .extract().jsonPath();
            Map<String, Object> genomic = result.getMap("results.find { it.category == 'HUMAN_GENOMIC' }");
            assertEquals(count, ((Number) genomic.get("count")).intValue());
            assertEquals(100, ((Number) genomic.get("threshold")).intValue());
            assertEquals(expected[s], genomic.get("status"), count + " subjects");
            assertEquals("US_BULK_SENSITIVE_DATA", genomic.get("regime"));
            assertEquals("0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c", genomic.get("counterparty"));
        }
        // twelve months later they fall out of the window
        given().queryParam("partnershipId", id.toString()).queryParam("at", "2027-09-01T00:00:00Z")
                .get("/api/v1/thresholds").then().statusCode(200)
                .body("results.find { it.category == 'HUMAN_GENOMIC' }.count", equalTo(0));
        // China's regime: nothing of this left CN for this partnership
        given().queryParam("partnershipId", id.toString()).queryParam("at", "2026-12-01T00:00:00Z")
                .get("/api/v1/thresholds").then()
                .body("results.findAll { it.regime == 'CN_CROSS_BORDER_PROVISION' }.threshold",
                        equalTo(List.of(100000, 1000000, 1, 10000)));
    }

    @Test
    void crossesTheChinaSensitiveInformationThresholdAtEachBoundaryWithinTheCalendarYear() {
        UUID id = UUID.randomUUID();
        String path = "/api/v1/partnerships/" + id + "/policy";
        partnershipService.stubFor(get(urlPathEqualTo(path)).willReturn(json(policy(id, 1, "2026-01-01T00:00:00Z", null,
                "[\"PARTNER_CLOUD\"]", true, "[\"CN\"]", "[\"user\"]", "[\"SG\", \"CN\"]"))));
        // sensitive personal information of 10,000 or more individuals leaving CN needs a security assessment:
        // "or more" includes the number
        int[] steps = { 7_999, 1, 2_000, 1 };
        String[] expected = { "BELOW", "NEAR", "EXCEEDED", "EXCEEDED" }; // 7,999, 8,000, exactly 10,000, 10,001
        int subjects = 0;
        for (int s = 0; s < steps.length; s++) {
            long size = 0;
            for (int done = 0; done < steps[s]; done += 1000) {
                List<ObjectNode> events = new ArrayList<>();
                for (int i = done; i < Math.min(steps[s], done + 1000); i++) {
                    ObjectNode e = event(id, "2026-0" + (3 + subjects % 6) + "-15T10:00:00Z");
                    e.putArray("dataCategories").add("user.health");
                    e.with("processing").put("mode", "PARTNER_CLOUD").put("country", "SG");
                    e.put("subjectRef", Fixtures.subjectRef(String.format("cn%06d", subjects++)));
                    events.add(e);
                }
                size = appendAndSign(events).get(events.size() - 1) + 1;
            }
            int count = subjects;
            long covered = size;
            awaitTrue("thresholds reach the checkpoint", () -> given().queryParam("partnershipId", id.toString())
                    .queryParam("at", "2026-12-01T00:00:00Z").get("/api/v1/thresholds").then().extract().jsonPath()
                    .getLong("checkpoint.size") >= covered);
            Map<String, Object> sensitive = given().queryParam("partnershipId", id.toString())
                    .queryParam("at", "2026-12-01T00:00:00Z").get("/api/v1/thresholds").then().statusCode(200)
                    .extract().jsonPath().getMap("results.find { it.regime == 'CN_CROSS_BORDER_PROVISION' "
                            + "&& it.category == 'SENSITIVE_PERSONAL_INFORMATION' && it.threshold == 10000 }");
            assertEquals(count, ((Number) sensitive.get("count")).intValue());
            assertEquals(10_000, ((Number) sensitive.get("threshold")).intValue());
            assertEquals(expected[s], sensitive.get("status"), count + " individuals");
        }
        // the count starts again on 1 January
        given().queryParam("partnershipId", id.toString()).queryParam("at", "2027-02-01T00:00:00Z")
                .get("/api/v1/thresholds").then().statusCode(200)
                .body("results.find { it.regime == 'CN_CROSS_BORDER_PROVISION' "
                        + "&& it.category == 'SENSITIVE_PERSONAL_INFORMATION' }.count", equalTo(0));
    }

    @Test
    void keepsARegisterOfAuthorityRequests() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        List<ObjectNode> events = new ArrayList<>();
        String[][] requests = { { "US", "CLOUD Act warrant", "COMPLIED" }, { "US", "CLOUD Act warrant", "REJECTED" },
                { "CN", "Data Security Law Art. 35", "PARTIAL" } };
        for (String[] r : requests) {
            ObjectNode e = event(id, "2031-02-03T10:00:00Z");
            e.put("action", "AUTHORITY_REQUEST");
            e.putObject("authority").put("name", "Some authority").put("country", r[0]).put("legalInstrument", r[1])
                    .put("disposition", r[2]);
            events.add(e);
        }
        long size = appendAndSign(events).get(2) + 1;
        awaitTrue("the register reaches the checkpoint", () -> given().get("/api/v1/authority-requests").then()
                .extract().jsonPath().getLong("checkpoint.size") >= size);
        given().queryParam("from", "2031-01-01T00:00:00Z").queryParam("to", "2032-01-01T00:00:00Z")
                .get("/api/v1/authority-requests").then().statusCode(200)
                .body("total", equalTo(3))
                .body("byCountry.value", equalTo(List.of("CN", "US")))
                .body("byCountry.count", equalTo(List.of(1, 2)))
                .body("byLegalInstrument.find { it.value == 'CLOUD Act warrant' }.count", equalTo(2))
                .body("byDisposition.value", equalTo(List.of("COMPLIED", "PARTIAL", "REJECTED")));
    }

    @Test
    void countsDistinctSubjectsExactlyAcrossDailyAndMonthlyRollups() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        // leading days in January, whole months February to April, trailing days in May; subject 0 everywhere
        String[] when = { "2026-01-20T10:00:00Z", "2026-01-31T23:59:59Z", "2026-02-01T00:00:00Z", "2026-02-14T10:00:00Z",
            "2026-03-31T10:00:00Z", "2026-04-30T23:00:00Z", "2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z",
            "2026-05-03T12:00:00Z", "2026-01-19T10:00:00Z" };
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < when.length; i++) {
            ObjectNode e = event(id, when[i]);
            e.put("subjectRef", Fixtures.subjectRef("month" + (i % 2 == 0 ? 0 : i)));
            e.put("recordCount", 10 + i);
            events.add(e);
        }
        long size = appendAndSign(events).get(events.size() - 1) + 1;
        awaitTrue("the rollup reaches the checkpoint", () -> given().get("/api/v1/stats").then().extract().jsonPath()
                .getLong("checkpoint.size") >= size);
        // [01-20T05:00, 05-03T00:00): partial day 01-20, days 01-21..01-31, months 02..04, days 05-01..05-02
        JsonPath stats = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-01-20T05:00:00Z")
                .queryParam("to", "2026-05-03T00:00:00Z").queryParam("groupBy", "mode").get("/api/v1/stats").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(8, stats.getLong("totals.events"));
        assertEquals(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17, stats.getLong("totals.records"));
        assertEquals(1 + 4, stats.getLong("totals.subjects"), "subject 0 once, subjects 1, 3, 5 and 7");
        assertEquals(List.of(5), stats.getList("breakdowns[0].groups.subjects", Integer.class));
    }

    @Test
    @TestSecurity(user = "regina", roles = { "regulator", "audit-writer" }, attributes = @SecurityAttribute(
            key = "jurisdictions", value = "EU"))
    void aRegulatorReadsOnlyFiguresOfPartnershipsInItsJurisdictions() {
        UUID eu = UUID.randomUUID();
        UUID cn = UUID.randomUUID();
        stubTwoRevisions(eu); // markets DE
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + cn + "/policy")).willReturn(json(
                policy(cn, 1, "2026-01-01T00:00:00Z", null, "[\"PARTNER_CLOUD\"]", true, "[\"CN\"]", "[\"user\"]",
                        "[\"CN\"]"))));
        List<ObjectNode> events = new ArrayList<>();
        for (UUID id : List.of(eu, cn)) {
            ObjectNode request = event(id, "2026-07-03T10:00:00Z");
            request.put("action", "AUTHORITY_REQUEST");
            request.putObject("authority").put("name", "Some authority").put("country", id == eu ? "DE" : "CN")
                    .put("legalInstrument", "Order").put("disposition", "REJECTED");
            events.add(request);
        }
        long size = appendAndSign(events).get(1) + 1;
        awaitTrue("both are judged", () -> {
            var answer = given().queryParam("partnershipId", eu.toString()).get("/api/v1/thresholds").then().extract();
            return answer.statusCode() == 200 && answer.jsonPath().getLong("checkpoint.size") >= size;
        });
        given().queryParam("partnershipId", eu.toString()).get("/api/v1/stats").then().statusCode(200);
        given().get("/api/v1/stats").then().statusCode(400).body("errors[0].field", equalTo("partnershipId"));
        given().queryParam("partnershipId", cn.toString()).get("/api/v1/stats").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("partnershipId", cn.toString()).get("/api/v1/thresholds").then().statusCode(404);
        given().queryParam("from", "2026-07-03T00:00:00Z").queryParam("to", "2026-07-04T00:00:00Z")
                .get("/api/v1/authority-requests").then().statusCode(200).body("total", equalTo(1))
                .body("byCountry.value", equalTo(List.of("DE")));
        given().queryParam("partnershipId", eu.toString()).queryParam("from", "2026-07-03T00:00:00Z")
                .queryParam("to", "2026-07-04T00:00:00Z").get("/api/v1/figures").then().statusCode(403);
    }

    @Test
    void citesEveryFigureADisclosureNeedsAtOneCheckpoint() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        stubTwoRevisions(id);
        stubTwoRevisions(other);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event(id, "2026-04-1" + i + "T10:00:00Z"));
        }
        events.get(1).with("processing").put("mode", "PARTNER_CLOUD"); // outside the on-device promise
        events.get(2).with("processing").put("mode", "PARTNER_CLOUD").put("country", "CN"); // outside twice
        events.get(3).put("action", "AUTHORITY_REQUEST");
        events.get(3).putObject("authority").put("name", "Some authority").put("country", "CN")
                .put("legalInstrument", "Data Security Law Art. 35").put("disposition", "REJECTED");
        ObjectNode elsewhere = event(other, "2026-04-11T10:00:00Z"); // another partnership's request: not cited
        elsewhere.put("action", "AUTHORITY_REQUEST");
        elsewhere.putObject("authority").put("name", "Some authority").put("country", "US")
                .put("legalInstrument", "CLOUD Act warrant").put("disposition", "COMPLIED");
        events.add(elsewhere);
        events.add(event(id, "2026-09-01T10:00:00Z")); // after the period
        long size = appendAndSign(events).get(events.size() - 1) + 1;
        awaitTrue("verdicts reach the checkpoint", () -> given().get("/api/v1/thresholds").then().extract().jsonPath()
                .getLong("checkpoint.size") >= size);
        JsonPath figures = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-04-01T00:00:00Z")
                .queryParam("to", "2026-05-01T00:00:00Z").get("/api/v1/figures").then().statusCode(200)
                .extract().jsonPath();
        long cited = figures.getLong("checkpoint.size");
        assertTrue(cited >= size, "cites the checkpoint reached");
        assertEquals(cited, figures.getLong("partnerships[0].stats.checkpoint.size"));
        assertEquals(cited, figures.getLong("partnerships[0].thresholds.checkpoint.size"));
        assertEquals(cited, figures.getLong("authorityRequests.checkpoint.size"));
        assertEquals(4, figures.getLong("partnerships[0].stats.totals.events"));
        assertEquals(List.of("category", "mode", "country", "purpose", "outcome", "action", "feature",
                "subjectRegion"),
                figures.getList("partnerships[0].stats.breakdowns.dimension", String.class));
        assertEquals(List.of("COUNTRY_NOT_ALLOWED", "MODE_NOT_ALLOWED"),
                figures.getList("partnerships[0].violations.kind", String.class));
        assertEquals(List.of(1, 2), figures.getList("partnerships[0].violations.count", Integer.class));
        assertEquals(0, figures.getLong("partnerships[0].pendingVerdicts"));
        assertEquals("2026-04-30T23:59:59.999999Z", figures.getString("partnerships[0].thresholds.at"),
                "the period's last instant");
        assertEquals(1, figures.getLong("authorityRequests.total"));
        assertEquals(List.of("CN"), figures.getList("authorityRequests.byCountry.value", String.class));
        given().queryParam("from", "2026-04-01T00:00:00Z").queryParam("to", "2026-05-01T00:00:00Z")
                .get("/api/v1/figures").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("partnershipId"));
        given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-04-01T00:00:00Z")
                .get("/api/v1/figures").then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    /** A governance event as the outbox sends it: no data category, no subject, the company's cloud in DE. */
    private static ObjectNode governance(UUID partnership, String at, String action, String feature, String purpose) {
        ObjectNode e = event(partnership, at);
        e.putObject("actor").put("type", "USER").put("id", "staff-or-regulator");
        e.put("action", action);
        e.put("feature", feature);
        e.putArray("dataCategories");
        e.remove("subjectRef");
        e.with("processing").put("mode", "COMPANY_CLOUD").put("country", "DE");
        e.put("purpose", purpose);
        return e;
    }

    @Test
    void countsUserDataAccessAndGovernanceActivitySeparately() {
        UUID id = UUID.randomUUID();
        String path = "/api/v1/partnerships/" + id + "/policy";
        // a CN partnership: user data processed in CN only, its figures must show no DE from the company's own reads
        partnershipService.stubFor(get(urlPathEqualTo(path)).willReturn(json(policy(id, 1, "2026-01-01T00:00:00Z", null,
                "[\"PARTNER_CLOUD\"]", true, "[\"CN\"]", "[\"user\"]", "[\"CN\"]"))));
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode e = event(id, "2026-06-1" + i + "T10:00:00Z");
            e.with("processing").put("mode", "PARTNER_CLOUD").put("country", "CN");
            e.put("recordCount", 2);
            events.add(e);
        }
        // staff reading and changing the partnership's record, a regulator downloading a disclosure: no user data
        events.add(governance(id, "2026-06-10T11:00:00Z", "READ", "partnership-records", "governance"));
        events.add(governance(id, "2026-06-11T11:00:00Z", "READ", "partnership-records", "governance"));
        events.add(governance(id, "2026-06-12T11:00:00Z", "WRITE", "partnership-records", "governance"));
        events.add(governance(id, "2026-06-12T12:00:00Z", "EXPORT", "transparency-disclosures", "regulatory-disclosure"));
        events.add(governance(id, "2026-06-15T12:00:00Z", "READ", "partnership-records", "governance")); // partial day
        List<Long> seqs = appendAndSign(events);
        long size = seqs.get(seqs.size() - 1) + 1;
        awaitTrue("verdicts reach the checkpoint", () -> given().get("/api/v1/thresholds").then().extract().jsonPath()
                .getLong("checkpoint.size") >= size);
        String from = "2026-06-01T00:00:00Z";
        String to = "2026-06-15T18:00:00Z"; // the last day is read from the log
        JsonPath access = given().queryParam("partnershipId", id.toString()).queryParam("from", from)
                .queryParam("to", to).queryParam("groupBy", "country,action,feature").get("/api/v1/stats").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("ACCESS", access.getString("activity"));
        assertEquals(3, access.getLong("totals.events"));
        assertEquals(6, access.getLong("totals.records"));
        assertEquals(3, access.getLong("totals.subjects"));
        assertEquals(List.of("CN"), access.getList("breakdowns[0].groups.value", String.class), "no DE from reads");
        assertEquals(List.of("INFERENCE"), access.getList("breakdowns[1].groups.value", String.class));
        JsonPath explicit = given().queryParam("partnershipId", id.toString()).queryParam("from", from)
                .queryParam("to", to).queryParam("activity", "ACCESS").get("/api/v1/stats").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, explicit.getLong("totals.events"));
        JsonPath governance = given().queryParam("partnershipId", id.toString()).queryParam("from", from)
                .queryParam("to", to).queryParam("activity", "GOVERNANCE").queryParam("groupBy", "country,action,feature")
                .get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        assertEquals("GOVERNANCE", governance.getString("activity"));
        assertEquals(5, governance.getLong("totals.events"));
        assertEquals(0, governance.getLong("totals.subjects"));
        assertEquals(List.of("DE"), governance.getList("breakdowns[0].groups.value", String.class));
        assertEquals(List.of("EXPORT", "READ", "WRITE"), governance.getList("breakdowns[1].groups.value", String.class));
        assertEquals(List.of(1, 3, 1), governance.getList("breakdowns[1].groups.events", Integer.class));
        assertEquals(List.of("partnership-records", "transparency-disclosures"),
                governance.getList("breakdowns[2].groups.value", String.class));
        // without a partnership (every partnership) the split holds as well
        JsonPath everywhere = given().queryParam("from", from).queryParam("to", to).queryParam("activity", "GOVERNANCE")
                .queryParam("groupBy", "category").get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), everywhere.getList("breakdowns[0].groups", Object.class), "governance names no category");

        JsonPath figures = given().queryParam("partnershipId", id.toString()).queryParam("from", from)
                .queryParam("to", to).get("/api/v1/figures").then().statusCode(200).extract().jsonPath();
        assertEquals("ACCESS", figures.getString("partnerships[0].stats.activity"));
        assertEquals(3, figures.getLong("partnerships[0].stats.totals.events"));
        assertEquals(List.of("CN"), figures.getList(
                "partnerships[0].stats.breakdowns.find { it.dimension == 'country' }.groups.value", String.class));
        assertEquals("GOVERNANCE", figures.getString("partnerships[0].governance.activity"));
        assertEquals(5, figures.getLong("partnerships[0].governance.totals.events"));
        assertEquals(figures.getLong("checkpoint.size"), figures.getLong("partnerships[0].governance.checkpoint.size"));
        assertEquals(List.of("DE"), figures.getList(
                "partnerships[0].governance.breakdowns.find { it.dimension == 'country' }.groups.value", String.class));
        // governance touched no user data: no violation (DE is outside the policy's countries), and nothing of this
        // partnership in the exporter's threshold count (the aggregate spans the other tests' partnerships too)
        for (int i = 3; i < events.size(); i++) {
            assertEquals(List.of(), kinds(seqs.get(i)));
        }
        assertEquals(List.of(), figures.getList("partnerships[0].violations", Object.class));
        given().queryParam("partnershipId", id.toString()).queryParam("at", "2026-12-01T00:00:00Z")
                .get("/api/v1/thresholds").then().statusCode(200)
                .body("results.find { it.regime == 'CN_CROSS_BORDER_PROVISION' && it.category == 'PERSONAL_INFORMATION' }"
                        + ".partnershipCount", equalTo(0));

        given().queryParam("activity", "BOGUS").get("/api/v1/stats").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("activity"));
    }

    @Test
    void countsAnEventWhoseCategoryIsTheWordNullLikeAnyOther() {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        ObjectNode e = event(id, "2026-10-12T10:00:00Z");
        e.putArray("dataCategories").add("null").add("user.content.voice");
        long size = appendAndSign(List.of(e)).get(0) + 1;
        awaitTrue("the rollup passes the entry", () -> given().get("/api/v1/stats").then().extract().jsonPath()
                .getLong("checkpoint.size") >= size);
        given().queryParam("partnershipId", id.toString()).queryParam("groupBy", "category").get("/api/v1/stats")
                .then().statusCode(200)
                .body("totals.events", equalTo(1))
                .body("breakdowns[0].groups.value", equalTo(List.of("null", "user.content.voice")))
                .body("unclassified", equalTo(0));
    }

    @Test
    void quarantinesAnEntryItCannotDeriveAndGoesOnPastIt() throws Exception {
        UUID id = UUID.randomUUID();
        stubTwoRevisions(id);
        // the row an earlier COPY wrote for "dataCategories": ["null"]: the array holds SQL NULL
        long poisoned = appendUnreadable(event(id, "2026-10-20T10:00:00Z"));
        List<ObjectNode> events = List.of(event(id, "2026-10-20T11:00:00Z"), event(id, "2026-10-21T11:00:00Z"));
        long size = appendAndSign(events).get(1) + 1;
        awaitTrue("both stages pass the entry", () -> {
            var answer = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-10-01T00:00:00Z")
                    .queryParam("to", "2026-11-01T00:00:00Z").get("/api/v1/figures").then().extract();
            return answer.statusCode() == 200 && answer.jsonPath().getLong("checkpoint.size") >= size;
        });
        JsonPath figures = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-10-01T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z").get("/api/v1/figures").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, figures.getLong("partnerships[0].stats.totals.events"), "the entries after it count");
        assertEquals(1, figures.getLong("partnerships[0].unclassified"));
        assertEquals(1, figures.getLong("partnerships[0].stats.unclassified"));
        assertEquals(1, figures.getLong("partnerships[0].thresholds.unclassified"));
        assertEquals(0, figures.getLong("authorityRequests.unclassified"));
        // a partial day read from the log passes over it too
        given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-10-20T09:00:00Z")
                .queryParam("to", "2026-10-20T12:00:00Z").get("/api/v1/stats").then().statusCode(200)
                .body("totals.events", equalTo(1)).body("unclassified", equalTo(1));
        given().queryParam("partnershipId", id.toString()).queryParam("at", "2026-12-01T00:00:00Z")
                .get("/api/v1/thresholds").then().statusCode(200).body("unclassified", equalTo(1));
        given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-10-21T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z").get("/api/v1/stats").then().statusCode(200)
                .body("unclassified", equalTo(0));
        JsonPath verdict = verdict(poisoned);
        assertEquals("QUARANTINED", verdict.getString("status"));
        assertTrue(verdict.getString("lastError").startsWith("rollup stage: IllegalStateException"),
                verdict.getString("lastError"));
        try (Connection owner = Fixtures.superuser(); PreparedStatement select = owner.prepareStatement(
                "SELECT stage, reason FROM audit.analytics_quarantine WHERE seq = ?")) {
            select.setLong(1, poisoned);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "quarantined");
                assertEquals("rollup", row.getString(1));
                assertTrue(row.getString(2).contains("NULL"), row.getString(2));
            }
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'analytics-worker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'analytics-worker' }.data.quarantined", equalTo(1))
                .body("checks.find { it.name == 'analytics-worker' }.data.logSize", notNullValue())
                .body("checks.find { it.name == 'analytics-worker' }.data.rollupLag", notNullValue())
                .body("checks.find { it.name == 'analytics-worker' }.data.oldestUnprocessedSeconds", notNullValue());
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'analytics-worker' }.status", equalTo("UP"));
        List<String> scraped = new ArrayList<>();
        try {
            awaitTrue("the gauge counts the quarantined entry", () -> {
                scraped.add(given().get(metrics).then().statusCode(200).extract().asString().lines()
                        .filter(line -> line.startsWith("sightline_analytics_quarantined")).toList().toString());
                return scraped.get(scraped.size() - 1).equals("[sightline_analytics_quarantined 1.0]");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the gauge read " + new LinkedHashSet<>(scraped), e);
        }
    }

    /**
     * Appends an entry behind the service's back, as the table's owner, under the appenders' lock: a well-formed
     * entry (its leaf hash matches, so the log verifies) whose data_categories column holds a SQL NULL.
     */
    private static long appendUnreadable(ObjectNode event) throws Exception {
        event.putArray("dataCategories").add("null");
        event.put("receivedAt", "2026-10-20T10:00:01Z");
        byte[] entry = CanonicalJson.canonicalize(event.toString());
        try (Connection owner = Fixtures.superuser()) {
            owner.setAutoCommit(false);
            try (Statement lock = owner.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
            long seq;
            try (ResultSet row = owner.createStatement().executeQuery(
                    "SELECT coalesce(max(seq) + 1, 0) FROM audit.log_entry")) {
                row.next();
                seq = row.getLong(1);
            }
            try (PreparedStatement insert = owner.prepareStatement("INSERT INTO audit.log_entry (seq, event_id, "
                    + "partnership_id, occurred_at, received_at, actor_type, actor_id, action, feature, data_categories, "
                    + "record_count, subject_ref, processing_mode, processing_country, purpose, outcome, entry, leaf_hash) "
                    + "VALUES (?, ?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz, 'PARTNER_SYSTEM', 'nimbus-llm-gateway', "
                    + "'INFERENCE', 'assistant', '{NULL}', 1, ?, 'ON_DEVICE', 'DE', 'voice-assistance', 'ALLOWED', ?, ?)")) {
                insert.setLong(1, seq);
                insert.setString(2, event.get("eventId").asText());
                insert.setString(3, event.get("partnershipId").asText());
                insert.setString(4, event.get("occurredAt").asText());
                insert.setString(5, event.get("receivedAt").asText());
                insert.setString(6, event.get("subjectRef").asText());
                insert.setString(7, new String(entry, StandardCharsets.UTF_8));
                insert.setBytes(8, Merkle.leafHash(entry));
                insert.executeUpdate();
            }
            owner.commit();
            return seq;
        }
    }
}
