package dev.sightline.audit.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Where the promise and the volume meet, over real HTTP and PostgreSQL with policies stubbed: a threshold crossed
 * that the partnership's recorded transfers do not cover is a VOLUME_NOT_COVERED violation, listed like the others;
 * subjects are counted by their recorded region, and remote access from abroad is a transfer. China's regime counts
 * the whole company, so each test keeps its Chinese data to a (Shanghai) year of its own.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = PartnershipServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "audit-writer", "auditor" })
class VolumeCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CN = "CN_CROSS_BORDER_PROVISION";
    private static final String US = "US_BULK_SENSITIVE_DATA";
    private static final String KIND = "VOLUME_NOT_COVERED";

    @PartnershipServiceStub.Server
    WireMockServer partnershipService;

    @Test
    void aChineseCrossingNeedsTheMechanismItsTierRequiresAndOnlyThatOneCovers() {
        UUID none = partnership(UUID.randomUUID(), List.of("CN"));
        UUID contract = partnership(UUID.randomUUID(), List.of("CN"), "CN", "SG", "CN_STANDARD_CONTRACT");
        UUID assessed = partnership(UUID.randomUUID(), List.of("CN"), "CN", "SG", "CN_SECURITY_ASSESSMENT");
        String when = "2016-03-10T08:00:00Z";
        // any sensitive personal information needs a standard contract or certification (or a security assessment)
        List<ObjectNode> events = new ArrayList<>();
        events.add(event(none, when, "psn_cov_none", "SG", null, null, "user.health"));
        events.add(event(contract, when, "psn_cov_contract0", "SG", null, null, "user.health"));
        events.add(event(assessed, when, "psn_cov_assessed", "SG", null, null, "user.health"));
        appendAndSign(events);
        String detail = awaitViolation(none);
        assertTrue(detail.contains(CN + " SENSITIVE_PERSONAL_INFORMATION: 3 subjects ≥ 1"), detail);
        assertTrue(detail.contains("STANDARD_CONTRACT_OR_CERTIFICATION"), detail);
        assertTrue(detail.contains("CN → SG"), detail);
        assertTrue(detail.contains("Art. 8"), detail);

        // 10,000 individuals' sensitive information in the year needs a security assessment: the standard contract
        // no longer covers it, the assessment does
        List<ObjectNode> more = new ArrayList<>();
        for (int i = 1; i < 9_997; i++) {
            more.add(event(contract, when, "psn_cov_contract" + i, "SG", null, null, "user.health"));
        }
        appendAndSign(more);
        assertEquals(9_999, count(thresholds("2016-12-31T00:00:00Z"), CN, "SENSITIVE_PERSONAL_INFORMATION", 10_000));
        awaitCaughtUp();
        assertEquals(List.of(), violations(contract), "9,999 are covered by the standard contract");
        appendAndSign(List.of(event(contract, when, "psn_cov_contract_last", "SG", null, null, "user.health")));
        String crossing = awaitViolation(contract);
        assertTrue(crossing.contains("SENSITIVE_PERSONAL_INFORMATION: 10000 subjects ≥ 10000"), crossing);
        assertTrue(crossing.contains("requires SECURITY_ASSESSMENT"), crossing);
        assertTrue(crossing.contains("[CN_SECURITY_ASSESSMENT]"), crossing);
        awaitCaughtUp();
        assertEquals(List.of(), violations(assessed), "the security assessment covers both tiers");
        assertEquals(1, violations(none).size(), "recorded once per crossing, revision and year");
    }

    @Test
    void aUsRestrictedCrossingNeedsTheSecurityRequirementsAndAProhibitedOneCannotBeCovered() {
        UUID partner = UUID.randomUUID();
        UUID unsecured = partnership(partner, List.of("US"));
        UUID secured = partnership(partner, List.of("US"), "US", "SG", "US_DOJ_SECURITY_REQUIREMENTS");
        String when = "2024-02-10T08:00:00Z";
        List<ObjectNode> events = new ArrayList<>();
        // 1,001 U.S. persons' precise geolocation with the same counterparty, split across its two partnerships
        for (int i = 0; i < 1_001; i++) {
            events.add(event(i % 2 == 0 ? unsecured : secured, when, "psn_geo" + i, "SG", null, null,
                    "user.location.precise"));
        }
        appendAndSign(events);
        String detail = awaitViolation(unsecured);
        assertTrue(detail.contains(US + " PRECISE_GEOLOCATION: 1001 subjects > 1000 (counterparty " + partner), detail);
        assertTrue(detail.contains("[US_DOJ_SECURITY_REQUIREMENTS]"), detail);
        awaitCaughtUp();
        assertEquals(List.of(), violations(secured), "the security requirements are recorded for US → SG");

        // more than 100 U.S. persons' human genomic data is prohibited: no mechanism covers it
        List<ObjectNode> genomic = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            genomic.add(event(secured, when, "psn_gen" + i, "SG", null, null, "user.genomic"));
        }
        appendAndSign(genomic);
        String prohibited = awaitViolation(secured);
        assertTrue(prohibited.contains("HUMAN_GENOMIC: 101 subjects > 100"), prohibited);
        assertTrue(prohibited.contains("requires PROHIBITED, which no transfer mechanism covers"), prohibited);
    }

    @Test
    void countsSubjectsByTheirRecordedRegionAndRemoteAccessFromAbroadAsATransfer() {
        UUID partner = UUID.randomUUID();
        UUID euOnly = partnership(partner, List.of("DE"));
        UUID usMarket = partnership(partner, List.of("US"));
        String when = "2019-04-01T08:00:00Z";
        String at = "2019-12-31T00:00:00Z";
        List<ObjectNode> events = new ArrayList<>();
        // an EU partnership whose events say the subjects are PRC individuals and Californians: counted by region
        events.add(event(euOnly, when, "psn_reg_cn1", "SG", null, "CN", "user.content.text"));
        events.add(event(euOnly, when, "psn_reg_ca1", "SG", null, "US-CA", "user.health"));
        // a US-market partnership whose event says the subject is in Germany: not a U.S. person
        events.add(event(usMarket, when, "psn_reg_de1", "SG", null, "DE", "user.health"));
        // a US-market partnership without a region: counted by the partnership's market, and said so
        events.add(event(usMarket, when, "psn_reg_us1", "SG", null, null, "user.health"));
        // processed in China but accessed from Singapore: data of a PRC individual went abroad
        events.add(event(euOnly, when, "psn_reg_cn2", "CN", "SG", "CN", "user.content.text"));
        // processed and accessed in China: no transfer
        events.add(event(euOnly, when, "psn_reg_cn3", "CN", null, "CN", "user.content.text"));
        appendAndSign(events);
        JsonPath answer = thresholds(at);
        Map<String, Object> health = result(answer, US, "PERSONAL_HEALTH", 10_000, partner.toString());
        assertEquals(2, ((Number) health.get("count")).longValue(), "the Californian and the unlocated subject");
        assertEquals(1, ((Number) health.get("inferredFromMarkets")).longValue());
        assertEquals(List.of("US_DOJ_SECURITY_REQUIREMENTS"), health.get("coveredBy"));
        Map<String, Object> personal = result(answer, CN, "PERSONAL_INFORMATION", 100_000, null);
        assertEquals(2, ((Number) personal.get("count")).longValue(), "two PRC individuals' data left China");
        assertEquals(0, ((Number) personal.get("inferredFromMarkets")).longValue());

        // the statistics count subjects by their recorded region too
        JsonPath stats = given().queryParam("partnershipId", euOnly.toString())
                .queryParam("from", "2019-01-01T00:00:00Z").queryParam("to", "2020-01-01T00:00:00Z")
                .queryParam("groupBy", "subjectRegion").get("/api/v1/stats").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(3, stats.getLong("breakdowns[0].groups.find { it.value == 'CN' }.subjects"));
        assertEquals(1, stats.getLong("breakdowns[0].groups.find { it.value == 'US-CA' }.subjects"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ObjectNode event(UUID partnership, String at, String subject, String country, String accessCountry,
            String region, String category) {
        ObjectNode event = Fixtures.event();
        event.put("partnershipId", partnership.toString());
        event.put("occurredAt", at);
        event.put("subjectRef", Fixtures.subjectRef(subject));
        event.putArray("dataCategories").add(category);
        event.putObject("processing").put("mode", "PARTNER_CLOUD").put("country", country);
        if (accessCountry != null) {
            event.put("accessCountry", accessCountry);
        }
        if (region != null) {
            event.put("subjectRegion", region);
        }
        return event;
    }

    private static void appendAndSign(List<ObjectNode> events) {
        for (int from = 0; from < events.size(); from += 1_000) {
            Fixtures.append(events.subList(from, Math.min(events.size(), from + 1_000)));
        }
        long size = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        Fixtures.awaitTrue("the thresholds reach checkpoint " + size,
                () -> thresholds("2026-01-01T00:00:00Z").getLong("checkpoint.size") >= size);
    }

    /** Waits until the crossings have been evaluated up to the verdict stage's checkpoint. */
    private static void awaitCaughtUp() {
        Fixtures.awaitTrue("the crossings are evaluated", () -> given().get("/q/health").then().extract()
                .jsonPath().getLong("checks.find { it.name == 'analytics-worker' && it.data.crossingLag != null }"
                        + ".data.crossingLag") == 0);
    }

    private static String awaitViolation(UUID partnership) {
        Fixtures.awaitTrue(KIND + " for " + partnership, () -> !violations(partnership).isEmpty());
        List<String> details = violations(partnership);
        return details.get(details.size() - 1);
    }

    private static List<String> violations(UUID partnership) {
        return given().queryParam("partnershipId", partnership.toString()).queryParam("kind", KIND)
                .get("/api/v1/violations").then().statusCode(200).extract().jsonPath()
                .getList("items.violations.flatten().findAll { it.kind == '" + KIND + "' }.detail", String.class);
    }

    private static JsonPath thresholds(String at) {
        return given().queryParam("at", at).get("/api/v1/thresholds").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private static long count(JsonPath answer, String regime, String category, long threshold) {
        return ((Number) result(answer, regime, category, threshold, null).get("count")).longValue();
    }

    private static Map<String, Object> result(JsonPath answer, String regime, String category, long threshold,
            String counterparty) {
        Map<String, Object> found = answer.getMap("results.find { it.regime == '" + regime + "' && it.category == '"
                + category + "' && it.threshold == " + threshold
                + (counterparty == null ? "" : " && it.counterparty == '" + counterparty + "'") + " }");
        assertTrue(found != null, regime + " " + category + " " + threshold + " in " + answer.prettify());
        return found;
    }

    /** A partnership active since 2010 under one revision, allowing all user data in the partner's cloud. */
    private UUID partnership(UUID partner, List<String> markets, String... transfer) {
        UUID id = UUID.randomUUID();
        ObjectNode policy = JSON.createObjectNode();
        policy.put("partnershipId", id.toString()).put("revision", 1).put("at", "2010-01-01T00:00:00Z")
                .put("status", "ACTIVE").put("effectiveFrom", "2010-01-01").putNull("effectiveTo").put("active", true);
        policy.putArray("allowedCategories").add("user");
        policy.putArray("forbiddenCategories");
        policy.putArray("allowedModes").add("PARTNER_CLOUD");
        policy.putArray("allowedCountries").add("US").add("SG").add("CN");
        policy.putArray("allowedPurposes").add("voice-assistance");
        policy.put("retentionDays", 30).put("sensitiveAllowed", true);
        policy.putArray("sensitiveCategories").add("user.health").add("user.genomic").add("user.location.precise");
        policy.put("taxonomyVersion", "2026.1").put("revisionValidFrom", "2010-01-01T00:00:00Z")
                .putNull("revisionValidUntil").put("partnerId", partner.toString()).put("partnerCountry", "CN")
                .put("partnerCoveredPerson", true);
        ArrayNode list = policy.putArray("markets");
        markets.forEach(list::add);
        ArrayNode transfers = policy.putArray("transfers");
        if (transfer.length == 3) {
            transfers.addObject().put("fromRegion", transfer[0]).put("toCountry", transfer[1])
                    .put("mechanism", transfer[2]).put("reference", "REF-1");
        }
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + id + "/policy")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(policy.toString())));
        return id;
    }
}
