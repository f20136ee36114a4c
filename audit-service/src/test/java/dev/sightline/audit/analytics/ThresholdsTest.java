package dev.sightline.audit.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The regulatory volume thresholds over real HTTP and PostgreSQL, policies stubbed: both sides of every threshold of
 * both regimes, the window's last instant and time zone, and what each regime aggregates. China's regime counts
 * every partnership of the company, so each test keeps its Chinese data to a (Shanghai) year of its own, and all of it
 * in the past: the policy in force at a later instant is not known yet.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = PartnershipServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "audit-writer", "auditor" })
class ThresholdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String US = "US_BULK_SENSITIVE_DATA";
    private static final String CN = "CN_CROSS_BORDER_PROVISION";
    private static final String[] US_SENSITIVE = { "user.genomic", "user.genomic.other", "user.biometric",
        "user.location.precise", "user.health", "user.financial" };

    @PartnershipServiceStub.Server
    WireMockServer partnershipService;

    @Test
    void crossesEveryUsBulkThresholdOnlyWhenMoreThanItAndNamesWhatTheCrossingMeans() {
        UUID partner = UUID.randomUUID();
        UUID id = partnership(partner, "US");
        String at = "2024-12-01T00:00:00Z";
        String when = "2024-06-15T10:00:00Z";
        // exactly at every threshold: 100 genomic, 1,000 other 'omic, biometric and geolocation, 10,000 health and
        // financial (the same people, one event each), and 100,000 other people's covered identifiers
        Batches batches = new Batches();
        batches.add(id, when, "US", "psn_usb", 0, 100, US_SENSITIVE);
        batches.add(id, when, "US", "psn_usb", 100, 1_000, "user.genomic.other", "user.biometric",
                "user.location.precise", "user.health", "user.financial");
        batches.add(id, when, "US", "psn_usb", 1_000, 10_000, "user.health", "user.financial");
        batches.add(id, when, "US", "psn_usi", 0, 100_000, "user.identifier.covered");
        batches.appendAndAwait();
        JsonPath atThresholds = thresholds(id, at);
        assertEquals("2026.3", atThresholds.getString("ruleSetVersion"));
        long[][] expected = { { 100 }, { 1_000 }, { 1_000 }, { 1_000 }, { 10_000 }, { 10_000 }, { 100_000 } };
        String[] categories = { "HUMAN_GENOMIC", "OTHER_HUMAN_OMIC", "BIOMETRIC_IDENTIFIERS", "PRECISE_GEOLOCATION",
            "PERSONAL_HEALTH", "PERSONAL_FINANCIAL", "COVERED_PERSONAL_IDENTIFIERS" };
        for (int i = 0; i < categories.length; i++) {
            Map<String, Object> r = result(atThresholds, US, categories[i], expected[i][0]);
            assertEquals(expected[i][0], count(r), categories[i]);
            assertEquals(">", r.get("comparator"), categories[i]);
            assertEquals("NEAR", r.get("status"), categories[i] + ": exactly at the threshold is not more than it");
            assertEquals("COUNTERPARTY", r.get("aggregation"));
            assertEquals(partner.toString(), r.get("counterparty"));
        }
        Map<String, Object> combined = atThresholds.getMap("results.find { it.regime == '" + US
                + "' && it.category == 'COMBINED_DATA' }");
        assertEquals(0, count(combined), "no identifier is linked to another category");

        // one more of each
        batches = new Batches();
        batches.add(id, when, "US", "psn_usb", 10_000, 10_001, US_SENSITIVE);
        batches.add(id, when, "US", "psn_usi", 100_000, 100_001, "user.identifier.covered");
        batches.appendAndAwait();
        JsonPath above = thresholds(id, at);
        for (int i = 0; i < categories.length; i++) {
            Map<String, Object> r = result(above, US, categories[i], expected[i][0]);
            assertEquals(expected[i][0] + 1, count(r), categories[i]);
            assertEquals("EXCEEDED", r.get("status"), categories[i]);
            assertEquals(i < 2 ? "PROHIBITED" : "RESTRICTED_SECURITY_REQUIREMENTS", r.get("consequence"),
                    categories[i]);
            assertTrue(((String) r.get("source")).startsWith("28 CFR 202.205("), categories[i]);
        }
        assertEquals("28 CFR 202.205(a); 28 CFR 202.303", result(above, US, "HUMAN_GENOMIC", 100).get("source"));
        assertEquals("28 CFR 202.205(f), 202.212; 28 CFR 202.401",
                result(above, US, "COVERED_PERSONAL_IDENTIFIERS", 100_000).get("source"));
    }

    @Test
    void crossesEveryChineseThresholdWhenReachingItBecauseOrMoreIncludesTheNumber() {
        UUID id = partnership(UUID.randomUUID(), "CN");
        String at = "2025-12-01T00:00:00Z";
        String when = "2025-05-15T10:00:00Z";
        JsonPath none = thresholds(id, at);
        assertEquals("BELOW", result(none, CN, "SENSITIVE_PERSONAL_INFORMATION", 1).get("status"));

        // a single individual's sensitive information already needs a standard contract or a certification
        Batches batches = new Batches();
        batches.add(id, when, "SG", "psn_cnx", 0, 1, "user.content.text", "user.health");
        batches.appendAndAwait();
        JsonPath one = thresholds(id, at);
        Map<String, Object> anySensitive = result(one, CN, "SENSITIVE_PERSONAL_INFORMATION", 1);
        assertEquals(1, count(anySensitive));
        assertEquals("≥", anySensitive.get("comparator"));
        assertEquals("EXCEEDED", anySensitive.get("status"));
        assertEquals("STANDARD_CONTRACT_OR_CERTIFICATION", anySensitive.get("consequence"));
        assertEquals("EXPORTER", anySensitive.get("aggregation"));
        assertNull(anySensitive.get("counterparty"));
        assertEquals("BELOW", result(one, CN, "SENSITIVE_PERSONAL_INFORMATION", 10_000).get("status"));

        // 9,999 sensitive and 99,999 individuals in all: one short of each
        batches = new Batches();
        batches.add(id, when, "SG", "psn_cnx", 1, 9_999, "user.content.text", "user.health");
        batches.add(id, when, "SG", "psn_cnx", 9_999, 99_999, "user.content.text");
        batches.appendAndAwait();
        JsonPath below = thresholds(id, at);
        assertStatus(below, "SENSITIVE_PERSONAL_INFORMATION", 10_000, 9_999, "NEAR");
        assertStatus(below, "PERSONAL_INFORMATION", 100_000, 99_999, "NEAR");
        assertStatus(below, "PERSONAL_INFORMATION", 1_000_000, 99_999, "BELOW");

        // exactly 10,000 and 100,000: "or more" includes the number
        batches = new Batches();
        batches.add(id, when, "SG", "psn_cnx", 99_999, 100_000, "user.content.text", "user.health");
        batches.appendAndAwait();
        JsonPath reached = thresholds(id, at);
        assertStatus(reached, "SENSITIVE_PERSONAL_INFORMATION", 10_000, 10_000, "EXCEEDED");
        assertEquals("SECURITY_ASSESSMENT", result(reached, CN, "SENSITIVE_PERSONAL_INFORMATION", 10_000)
                .get("consequence"));
        assertStatus(reached, "PERSONAL_INFORMATION", 100_000, 100_000, "EXCEEDED");
        assertEquals("STANDARD_CONTRACT_OR_CERTIFICATION", result(reached, CN, "PERSONAL_INFORMATION", 100_000)
                .get("consequence"));
        assertTrue(((String) result(reached, CN, "PERSONAL_INFORMATION", 100_000).get("source")).contains("Art. 8"));

        // 999,999, then 1,000,000 individuals
        batches = new Batches();
        batches.add(id, when, "SG", "psn_cnx", 100_000, 999_999, "user.content.text");
        batches.appendAndAwait();
        assertStatus(thresholds(id, at), "PERSONAL_INFORMATION", 1_000_000, 999_999, "NEAR");
        batches = new Batches();
        batches.add(id, when, "SG", "psn_cnx", 999_999, 1_000_000, "user.content.text");
        batches.appendAndAwait();
        JsonPath million = thresholds(id, at);
        assertStatus(million, "PERSONAL_INFORMATION", 1_000_000, 1_000_000, "EXCEEDED");
        Map<String, Object> assessment = result(million, CN, "PERSONAL_INFORMATION", 1_000_000);
        assertEquals("SECURITY_ASSESSMENT", assessment.get("consequence"));
        assertTrue(((String) assessment.get("source")).contains("Art. 7"));
    }

    @Test
    void readsTheThresholdsOfAPeriodAtItsLastInstantInTheRegimesTimeZone() {
        UUID cn = partnership(UUID.randomUUID(), "CN");
        UUID us = partnership(UUID.randomUUID(), "US");
        Batches batches = new Batches();
        // 00:30 on 1 January 2023 in Shanghai is still 2022 in UTC: it counts for China's 2023
        batches.add(cn, "2022-12-31T16:30:00Z", "SG", "psn_tzin", 0, 1, "user.content.text");
        // 04:00 on 1 January 2024 in Shanghai is still 2023 in UTC: it does not count for China's 2023
        batches.add(cn, "2023-12-31T20:00:00Z", "SG", "psn_tzout", 0, 1, "user.content.text");
        // the US window is the twelve months up to the instant: its first instant is out, its last one in
        batches.add(us, "2022-06-01T00:00:00Z", "US", "psn_tzstart", 0, 1, "user.genomic");
        batches.add(us, "2023-06-01T00:00:00Z", "US", "psn_tzend", 0, 1, "user.genomic");
        batches.appendAndAwait();

        JsonPath year = figures(cn, "2022-12-31T16:00:00Z", "2023-12-31T16:00:00Z"); // 2023 in Shanghai
        assertEquals("2023-12-31T15:59:59.999999Z", year.getString("partnerships[0].thresholds.at"));
        Map<String, Object> pi = year.getMap("partnerships[0].thresholds.results.find { it.regime == '" + CN
                + "' && it.category == 'PERSONAL_INFORMATION' && it.threshold == 100000 }");
        assertEquals(1, count(pi), "the whole Shanghai year 2023, nothing of 2024");
        assertEquals("2022-12-31T16:00:00Z", pi.get("windowFrom"));
        assertEquals("2023-12-31T16:00:00Z", pi.get("windowTo"));

        JsonPath half = figures(us, "2023-01-01T00:00:00Z", "2023-06-01T00:00:00Z");
        Map<String, Object> genomic = half.getMap("partnerships[0].thresholds.results.find { it.regime == '" + US
                + "' && it.category == 'HUMAN_GENOMIC' }");
        assertEquals(1, count(genomic), "the twelve months before the period's end");
        assertEquals("2022-06-01T00:00:00Z", genomic.get("windowFrom"));
        assertEquals("2023-06-01T00:00:00Z", genomic.get("windowTo"));

        JsonPath atInstant = thresholds(us, "2023-06-01T00:00:00Z");
        Map<String, Object> instant = result(atInstant, US, "HUMAN_GENOMIC", 100);
        assertEquals(1, count(instant), "what happened at the instant counts; twelve months before it, no more");
        assertEquals("2022-06-01T00:00:00.000001Z", instant.get("windowFrom"));
        assertEquals("2023-06-01T00:00:00.000001Z", instant.get("windowTo"));
    }

    @Test
    void countsTheUsRegimePerCounterpartyAndChinasPerExporterAcrossPartnerships() {
        UUID partner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID first = partnership(partner, "US");
        UUID second = partnership(partner, "US");
        UUID elsewhere = partnership(other, "US");
        UUID cnFirst = partnership(partner, "CN");
        UUID cnSecond = partnership(other, "CN");
        Batches batches = new Batches();
        batches.add(first, "2024-03-01T10:00:00Z", "US", "psn_agga", 0, 60, "user.genomic");
        batches.add(second, "2024-04-01T10:00:00Z", "US", "psn_aggb", 0, 41, "user.genomic");
        batches.add(elsewhere, "2024-04-01T10:00:00Z", "US", "psn_aggc", 0, 50, "user.genomic");
        batches.add(cnFirst, "2021-03-01T10:00:00Z", "SG", "psn_aggd", 0, 5_000, "user.health");
        batches.add(cnSecond, "2021-04-01T10:00:00Z", "SG", "psn_agge", 0, 5_000, "user.health");
        batches.appendAndAwait();

        String at = "2024-12-01T00:00:00Z";
        Map<String, Object> genomic = result(thresholds(first, at), US, "HUMAN_GENOMIC", 100);
        assertEquals(101, count(genomic), "both partnerships with the same counterparty together");
        assertEquals(60, ((Number) genomic.get("partnershipCount")).longValue());
        assertEquals("EXCEEDED", genomic.get("status"));
        assertEquals(partner.toString(), genomic.get("counterparty"));
        assertEquals(41, ((Number) result(thresholds(second, at), US, "HUMAN_GENOMIC", 100).get("partnershipCount"))
                .longValue());
        Map<String, Object> apart = result(thresholds(elsewhere, at), US, "HUMAN_GENOMIC", 100);
        assertEquals(50, count(apart), "another counterparty counts on its own");
        assertEquals("BELOW", apart.get("status"));
        JsonPath all = thresholds(null, at);
        assertEquals(101, count(all.getMap("results.find { it.category == 'HUMAN_GENOMIC' && it.counterparty == '"
                + partner + "' }")));
        assertNull(all.get("results.find { it.category == 'HUMAN_GENOMIC' && it.counterparty == '" + partner
                + "' }.partnershipCount"));

        Map<String, Object> sensitive = result(thresholds(cnFirst, "2021-12-01T00:00:00Z"), CN,
                "SENSITIVE_PERSONAL_INFORMATION", 10_000);
        assertEquals(10_000, count(sensitive), "every partnership of the company, whatever the counterparty");
        assertEquals(5_000, ((Number) sensitive.get("partnershipCount")).longValue());
        assertEquals("EXCEEDED", sensitive.get("status"));
        assertEquals("EXPORTER", sensitive.get("aggregation"));
    }

    @Test
    void countsADeviceIdentifierOnlyWhenLinkedAndCombinedDataAgainstTheLowestThresholdItCombines() {
        UUID partner = UUID.randomUUID();
        UUID id = partnership(partner, "US");
        UUID healthOnly = partnership(UUID.randomUUID(), "US");
        String when = "2024-03-01T10:00:00Z";
        Batches batches = new Batches();
        batches.add(id, when, "US", "psn_devalone", 0, 3, "user.device.identifier");
        batches.add(id, when, "US", "psn_devlinked", 0, 2, "user.device.identifier");
        batches.add(id, "2024-04-01T10:00:00Z", "US", "psn_devlinked", 0, 2, "user.health");
        batches.add(id, when, "US", "psn_idgen", 0, 50, "user.identifier.covered", "user.genomic");
        batches.add(id, when, "US", "psn_idhealth", 0, 60, "user.identifier.covered");
        batches.add(id, "2024-05-01T10:00:00Z", "US", "psn_idhealth", 0, 60, "user.health");
        batches.add(id, when, "US", "psn_omic", 0, 5, "user.genomic.other");
        batches.add(healthOnly, when, "US", "psn_hid", 0, 50, "user.identifier.covered", "user.health");
        batches.appendAndAwait();

        JsonPath answer = thresholds(id, "2024-12-01T00:00:00Z");
        assertEquals(50, count(result(answer, US, "HUMAN_GENOMIC", 100)));
        assertEquals(5, count(result(answer, US, "OTHER_HUMAN_OMIC", 1_000)), "other 'omic data is not genomic");
        assertEquals(62, count(result(answer, US, "PERSONAL_HEALTH", 10_000)));
        assertEquals(50 + 60 + 2, count(result(answer, US, "COVERED_PERSONAL_IDENTIFIERS", 100_000)),
                "a device identifier alone is not a covered personal identifier");
        Map<String, Object> combined = answer.getMap("results.find { it.category == 'COMBINED_DATA' }");
        assertEquals(112, count(combined));
        assertEquals(100, ((Number) combined.get("threshold")).longValue(), "the lowest: human genomic data");
        assertEquals("EXCEEDED", combined.get("status"));
        assertEquals("PROHIBITED", combined.get("consequence"));
        assertTrue(((String) combined.get("source")).startsWith("28 CFR 202.205(g)"));

        Map<String, Object> withHealth = thresholds(healthOnly, "2024-12-01T00:00:00Z")
                .getMap("results.find { it.category == 'COMBINED_DATA' }");
        assertEquals(50, count(withHealth));
        assertEquals(10_000, ((Number) withHealth.get("threshold")).longValue(), "the lowest: personal health data");
        assertEquals("BELOW", withHealth.get("status"));
        assertEquals("RESTRICTED_SECURITY_REQUIREMENTS", withHealth.get("consequence"));
    }

    private static void assertStatus(JsonPath answer, String category, long threshold, long count, String status) {
        Map<String, Object> r = result(answer, CN, category, threshold);
        assertEquals(count, count(r), category + " against " + threshold);
        assertEquals(status, r.get("status"), count + " " + category + " against " + threshold);
    }

    private static long count(Map<String, Object> result) {
        return ((Number) result.get("count")).longValue();
    }

    private static Map<String, Object> result(JsonPath answer, String regime, String category, long threshold) {
        Map<String, Object> found = answer.getMap("results.find { it.regime == '" + regime + "' && it.category == '"
                + category + "' && it.threshold == " + threshold + " }");
        assertTrue(found != null, regime + " " + category + " " + threshold + " in " + answer.prettify());
        return found;
    }

    private static JsonPath thresholds(UUID partnership, String at) {
        RequestSpecification request = given().queryParam("at", at);
        if (partnership != null) {
            request.queryParam("partnershipId", partnership.toString());
        }
        return request.get("/api/v1/thresholds").then().statusCode(200).contentType(ContentType.JSON).extract()
                .jsonPath();
    }

    private static JsonPath figures(UUID partnership, String from, String to) {
        return given().queryParam("partnershipId", partnership.toString()).queryParam("from", from)
                .queryParam("to", to).get("/api/v1/figures").then().statusCode(200).extract().jsonPath();
    }

    /** A partnership, active since 2020 under one revision, allowing all user data in the partner's cloud. */
    private UUID partnership(UUID partner, String market) {
        UUID id = UUID.randomUUID();
        ObjectNode policy = JSON.createObjectNode();
        policy.put("partnershipId", id.toString()).put("revision", 1).put("at", "2020-01-01T00:00:00Z")
                .put("status", "ACTIVE").put("effectiveFrom", "2020-01-01").putNull("effectiveTo").put("active", true);
        policy.putArray("allowedCategories").add("user");
        policy.putArray("forbiddenCategories");
        policy.putArray("allowedModes").add("PARTNER_CLOUD");
        policy.putArray("allowedCountries").add("US").add("SG");
        policy.putArray("allowedPurposes").add("voice-assistance");
        policy.put("retentionDays", 30).put("sensitiveAllowed", true);
        policy.putArray("sensitiveCategories").add("user.biometric").add("user.genomic").add("user.health");
        policy.put("taxonomyVersion", "2026.1").put("revisionValidFrom", "2020-01-01T00:00:00Z")
                .putNull("revisionValidUntil").put("partnerId", partner.toString()).put("partnerCountry", "CN")
                .put("partnerCoveredPerson", true);
        policy.putArray("markets").add(market);
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + id + "/policy")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(policy.toString())));
        return id;
    }

    /**
     * Events of many subjects, one event per subject and call, generated a batch at a time (a million of them would
     * not fit in memory as text) and appended a thousand to a batch by two clients at a time.
     */
    private static final class Batches {
        private final List<Segment> segments = new ArrayList<>();
        private int total;

        private record Segment(int offset, String head, String middle, int from, int to, String end) {
            void append(StringBuilder out, int index) {
                out.append(head).append(UUID.randomUUID()).append(middle)
                        .append(String.format("%07d", from + index - offset)).append(end);
            }
        }

        /** One event for each subject {@code prefix + n}, n in [from, to), touching the categories. */
        void add(UUID partnership, String occurredAt, String country, String prefix, int from, int to,
                String... categories) {
            String list = String.join(",", List.of(categories).stream().map(c -> '"' + c + '"').toList());
            String rest = "\",\"occurredAt\":\"" + occurredAt + "\",\"partnershipId\":\"" + partnership
                    + "\",\"actor\":{\"type\":\"PARTNER_SYSTEM\",\"id\":\"nimbus-llm-gateway\"},"
                    + "\"action\":\"INFERENCE\",\"feature\":\"assistant\",\"dataCategories\":[" + list + "],"
                    + "\"recordCount\":1,\"subjectRef\":\"" + Fixtures.subjectRefHead(prefix.substring(4));
            String end = "A\",\"processing\":{\"mode\":\"PARTNER_CLOUD\",\"country\":\"" + country
                    + "\"},\"purpose\":\"voice-assistance\",\"outcome\":\"ALLOWED\"}";
            segments.add(new Segment(total, "{\"eventId\":\"", rest, from, to, end));
            total += to - from;
        }

        private String body(int start, int end) {
            StringBuilder out = new StringBuilder(500 * (end - start)).append("{\"events\":[");
            for (Segment s : segments) {
                for (int i = Math.max(start, s.offset()); i < Math.min(end, s.offset() + s.to() - s.from()); i++) {
                    out.append(out.charAt(out.length() - 1) == '[' ? "" : ",");
                    s.append(out, i);
                }
            }
            return out.append("]}").toString();
        }

        /** Appends everything, signs a checkpoint and waits until the thresholds cover it. */
        void appendAndAwait() {
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> posted = new ArrayList<>();
                for (int start = 0; start < total; start += 1000) {
                    int from = start;
                    posted.add(clients.submit(() -> given().contentType(ContentType.JSON)
                            .body(body(from, Math.min(total, from + 1000))).post("/api/v1/events/batch").then()
                            .statusCode(201)));
                }
                for (Future<?> f : posted) {
                    f.get();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError("appending failed", e);
            } finally {
                clients.shutdownNow();
            }
            long size = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (given().queryParam("at", "2026-01-01T00:00:00Z").get("/api/v1/thresholds").then().extract()
                    .jsonPath().getLong("checkpoint.size") < size) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("thresholds did not reach checkpoint " + size);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
