package dev.sightline.audit.remediation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sightline.audit.Fixtures.awaitTrue;
import static dev.sightline.audit.analytics.PartnershipServiceStub.policy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.sightline.audit.Fixtures;
import dev.sightline.audit.analytics.PartnershipServiceStub;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Remediation records over real HTTP and PostgreSQL: revisions, their log entries, scoping and the figures. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = PartnershipServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "audit-writer", "auditor" })
class RemediationTest {
    private static final String COUNT = "SELECT count(*) FROM audit.remediation";
    private static final String LOG_SIZE = "SELECT count(*) FROM audit.log_entry";

    @PartnershipServiceStub.Server
    WireMockServer partnershipService;

    private static JsonPath put(UUID partnership, String kind, String status, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("status", status, "text", text))
                .put("/api/v1/remediations/" + partnership + "/" + kind).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void recordsEachChangeAsANewRevisionWithItsGovernanceEntryInTheLog() {
        UUID id = UUID.randomUUID();
        JsonPath first = put(id, "MODE_NOT_ALLOWED", "OPEN", "The partner's cloud was used for voice requests.");
        assertEquals(id.toString(), first.getString("partnershipId"));
        assertEquals("MODE_NOT_ALLOWED", first.getString("kind"));
        assertEquals("OPEN", first.getString("status"));
        assertEquals("ivan", first.getString("recordedBy"));
        assertEquals(1, first.getInt("revision"));
        assertNotNull(first.getString("recordedAt"));
        JsonPath second = put(id, "MODE_NOT_ALLOWED", "REMEDIATED", "The cloud route is switched off.");
        assertEquals(2, second.getInt("revision"));
        assertEquals(1, put(id, "COUNTRY_NOT_ALLOWED", "DISPUTED", "Processing stayed in DE.").getInt("revision"));

        JsonPath entry = given().get("/api/v1/events/" + second.getLong("logSeq")).then().statusCode(200).extract()
                .jsonPath();
        assertEquals("WRITE", entry.getString("entry.action"));
        assertEquals("remediation-records", entry.getString("entry.feature"));
        assertEquals("governance", entry.getString("entry.purpose"));
        assertEquals(id.toString(), entry.getString("entry.partnershipId"));
        assertEquals("ivan", entry.getString("entry.actor.id"));
        assertEquals("USER", entry.getString("entry.actor.type"));
        assertEquals(List.of(), entry.getList("entry.dataCategories"));
        assertEquals(second.getString("recordedAt"), entry.getString("entry.occurredAt"));

        JsonPath list = given().queryParam("partnershipId", id.toString()).get("/api/v1/remediations").then()
                .statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(List.of("COUNTRY_NOT_ALLOWED", "MODE_NOT_ALLOWED", "MODE_NOT_ALLOWED"),
                list.getList("items.kind"), "newest first");
        assertEquals(List.of(1, 2, 1), list.getList("items.revision"));
        assertNull(list.getString("next"));
        JsonPath one = given().queryParam("partnershipId", id.toString()).queryParam("kind", "MODE_NOT_ALLOWED")
                .queryParam("limit", 1).get("/api/v1/remediations").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2), one.getList("items.revision"));
        given().queryParam("partnershipId", id.toString()).queryParam("kind", "MODE_NOT_ALLOWED")
                .queryParam("limit", 1).queryParam("after", one.getString("next")).get("/api/v1/remediations").then()
                .statusCode(200).body("items.revision", equalTo(List.of(1))).body("next", nullValue());
    }

    @Test
    void keepsEveryRevisionAsWrittenEvenAgainstTheTableOwner() throws SQLException {
        UUID id = UUID.randomUUID();
        put(id, "PURPOSE_NOT_ALLOWED", "OPEN", "Under review.");
        try (Connection owner = Fixtures.superuser()) {
            for (String change : List.of("UPDATE audit.remediation SET status = 'REMEDIATED' WHERE partnership_id = ?",
                    "DELETE FROM audit.remediation WHERE partnership_id = ?")) {
                try (PreparedStatement statement = owner.prepareStatement(change)) {
                    statement.setObject(1, id);
                    assertThrows(SQLException.class, statement::executeUpdate, change);
                }
            }
        }
        given().queryParam("partnershipId", id.toString()).get("/api/v1/remediations").then().statusCode(200)
                .body("items.status", equalTo(List.of("OPEN")));
    }

    @Test
    void refusesBadInputNamingTheFieldAndWritesNothing() throws SQLException {
        UUID id = UUID.randomUUID();
        String good = "{\"status\": \"OPEN\", \"text\": \"Under review.\"}";
        List<String[]> cases = List.of(
                new String[] { "MODE_NOT_ALLOWED", "not-a-uuid", good, "partnershipId" },
                new String[] { "NO_SUCH_KIND", id.toString(), good, "kind" },
                new String[] { "mode_not_allowed", id.toString(), good, "kind" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"DONE\", \"text\": \"x\"}", "status" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"open\", \"text\": \"x\"}", "status" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"text\": \"x\"}", "status" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"OPEN\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"OPEN\", \"text\": \"\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"OPEN\", \"text\": \"   \"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"OPEN\", \"text\": \""
                        + "a".repeat(4001) + "\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(), "{\"status\": \"OPEN\", \"text\": 7}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"Ask dpo@larkspur.example\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"Call +49 30 1234 5678\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"Refund to DE89 3704 0044 0532 0130 00\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"nul \\u0000 here\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"lone \\ud800 surrogate\"}", "text" },
                new String[] { "MODE_NOT_ALLOWED", id.toString(),
                        "{\"status\": \"OPEN\", \"text\": \"x\", \"severity\": 1}", "severity" });
        long rows = Fixtures.count(COUNT);
        long entries = Fixtures.count(LOG_SIZE);
        for (String[] c : cases) {
            given().contentType(ContentType.JSON).body(c[2]).put("/api/v1/remediations/" + c[1] + "/" + c[0]).then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(c[3]));
        }
        given().contentType(ContentType.JSON).body("{\"status\": ").put("/api/v1/remediations/" + id
                + "/MODE_NOT_ALLOWED").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).put("/api/v1/remediations/" + id + "/MODE_NOT_ALLOWED").then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(rows, Fixtures.count(COUNT), "no revision written");
        assertEquals(entries, Fixtures.count(LOG_SIZE), "no log entry written");
        put(id, "MODE_NOT_ALLOWED", "OPEN", "a".repeat(4000)); // the longest text
        given().queryParam("kind", "NOPE").get("/api/v1/remediations").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        given().queryParam("partnershipId", "x").get("/api/v1/remediations").then().statusCode(400)
                .body("errors[0].field", equalTo("partnershipId"));
        given().queryParam("after", "not-ours").get("/api/v1/remediations").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        given().queryParam("limit", 501).get("/api/v1/remediations").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void givesEachKindOfViolationInTheFiguresItsFirstAndLastOccurrenceAndLatestRemediation() throws SQLException {
        UUID id = UUID.randomUUID();
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + id + "/policy")).willReturn(
                json(policy(id, 1, "2026-01-01T00:00:00Z", null, "[\"ON_DEVICE\"]", false, "[\"DE\"]"))));
        List<ObjectNode> events = List.of(event(id, "2026-04-03T10:00:00Z"), event(id, "2026-04-20T08:30:00Z"),
                event(id, "2026-04-11T10:00:00Z"), event(id, "2026-05-02T10:00:00Z"));
        for (int i = 0; i < 3; i++) {
            events.get(i).with("processing").put("mode", "PARTNER_CLOUD"); // outside the on-device promise
        }
        events.get(3).with("processing").put("mode", "PARTNER_CLOUD"); // the same, after the period
        put(id, "MODE_NOT_ALLOWED", "OPEN", "The partner's cloud was used.");
        JsonPath latest = put(id, "MODE_NOT_ALLOWED", "IN_PROGRESS", "The cloud route is being switched off.");
        put(id, "PURPOSE_NOT_ALLOWED", "REMEDIATED", "An earlier purpose issue, closed.");
        long size = Fixtures.append(events).get(3) + 1;
        given().post("/api/v1/checkpoints").then().statusCode(200);
        JsonPath figures = awaitFigures(id, size);
        assertEquals(List.of("MODE_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED"),
                figures.getList("partnerships[0].violations.kind"));
        assertEquals(List.of(3, 0), figures.getList("partnerships[0].violations.count"));
        assertEquals("2026-04-03T10:00:00Z", figures.getString("partnerships[0].violations[0].firstAt"));
        assertEquals("2026-04-20T08:30:00Z", figures.getString("partnerships[0].violations[0].lastAt"));
        assertEquals("IN_PROGRESS", figures.getString("partnerships[0].violations[0].remediation.status"));
        assertEquals("The cloud route is being switched off.",
                figures.getString("partnerships[0].violations[0].remediation.text"));
        assertEquals("ivan", figures.getString("partnerships[0].violations[0].remediation.recordedBy"));
        assertEquals(latest.getString("recordedAt"),
                figures.getString("partnerships[0].violations[0].remediation.recordedAt"));
        Map<String, Object> closed = figures.getMap("partnerships[0].violations[1]");
        assertNull(closed.get("firstAt"));
        assertNull(closed.get("lastAt"));
        assertTrue(closed.containsKey("firstAt") && closed.containsKey("lastAt"), "named even when null");
        assertEquals("REMEDIATED", figures.getString("partnerships[0].violations[1].remediation.status"));

        // recorded after the checkpoint the figures cite: not yet in them
        UUID other = UUID.randomUUID();
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + other + "/policy")).willReturn(
                json(policy(other, 1, "2026-01-01T00:00:00Z", null, "[\"ON_DEVICE\"]", false, "[\"DE\"]"))));
        ObjectNode violating = event(other, "2026-04-05T10:00:00Z");
        violating.with("processing").put("mode", "PARTNER_CLOUD");
        long otherSize = Fixtures.append(List.of(violating)).get(0) + 1;
        given().post("/api/v1/checkpoints").then().statusCode(200);
        JsonPath before = awaitFigures(other, otherSize);
        put(other, "MODE_NOT_ALLOWED", "OPEN", "Seen after the checkpoint.");
        JsonPath same = given().queryParam("partnershipId", other.toString()).queryParam("from", "2026-04-01T00:00:00Z")
                .queryParam("to", "2026-05-01T00:00:00Z").get("/api/v1/figures").then().statusCode(200).extract()
                .jsonPath();
        if (same.getLong("checkpoint.size") == before.getLong("checkpoint.size")) {
            assertNull(same.get("partnerships[0].violations[0].remediation"));
        }
        given().post("/api/v1/checkpoints").then().statusCode(200);
        long withEntry = Fixtures.count(LOG_SIZE);
        assertEquals("OPEN", awaitFigures(other, withEntry).getString("partnerships[0].violations[0].remediation.status"));
        assertEquals(1, before.getInt("partnerships[0].violations[0].count"));
        assertNull(before.get("partnerships[0].violations[0].remediation"));
    }

    @Test
    @TestSecurity(user = "regina", roles = { "regulator", "audit-writer" }, attributes = @SecurityAttribute(
            key = "jurisdictions", value = "EU"))
    void aRegulatorReadsOnlyRemediationsOfPartnershipsInItsJurisdictions() throws SQLException {
        UUID eu = UUID.randomUUID();
        UUID cn = UUID.randomUUID();
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + eu + "/policy")).willReturn(
                json(policy(eu, 1, "2026-01-01T00:00:00Z", null, "[\"ON_DEVICE\"]", false, "[\"DE\"]"))));
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + cn + "/policy")).willReturn(
                json(policy(cn, 1, "2026-01-01T00:00:00Z", null, "[\"PARTNER_CLOUD\"]", false, "[\"CN\"]"))));
        long size = Fixtures.append(List.of(event(eu, "2026-04-05T10:00:00Z"), event(cn, "2026-04-05T10:00:00Z")))
                .get(1) + 1;
        given().post("/api/v1/checkpoints").then().statusCode(200);
        // both partnerships' policies are known once the verdicts reach the checkpoint
        awaitTrue("the verdicts reach the checkpoint", () -> {
            var answer = given().queryParam("partnershipId", eu.toString()).get("/api/v1/thresholds").then().extract();
            return answer.statusCode() == 200 && answer.jsonPath().getLong("checkpoint.size") >= size;
        });
        // the auditor's records, written as the table's owner since this identity may not write them
        insert(eu, "MODE_NOT_ALLOWED", "OPEN");
        insert(cn, "MODE_NOT_ALLOWED", "REMEDIATED");
        JsonPath all = given().get("/api/v1/remediations").then().statusCode(200).extract().jsonPath();
        List<String> partnerships = all.getList("items.partnershipId");
        assertTrue(partnerships.contains(eu.toString()), "its own jurisdiction's");
        assertTrue(!partnerships.contains(cn.toString()), "not another jurisdiction's");
        given().queryParam("partnershipId", eu.toString()).get("/api/v1/remediations").then().statusCode(200)
                .body("items.status", equalTo(List.of("OPEN")));
        given().queryParam("partnershipId", cn.toString()).get("/api/v1/remediations").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("status", "OPEN", "text", "x"))
                .put("/api/v1/remediations/" + eu + "/MODE_NOT_ALLOWED").then().statusCode(403);
    }

    private static void insert(UUID partnership, String kind, String status) throws SQLException {
        try (Connection owner = Fixtures.superuser(); PreparedStatement insert = owner.prepareStatement(
                "INSERT INTO audit.remediation (id, partnership_id, kind, revision, status, text, recorded_by, "
                        + "recorded_at, log_seq) VALUES (?, ?, ?, 1, ?, 'Recorded.', 'ivan', now(), 0)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, partnership);
            insert.setString(3, kind);
            insert.setString(4, status);
            insert.executeUpdate();
        }
    }

    private static JsonPath awaitFigures(UUID id, long size) {
        JsonPath[] figures = new JsonPath[1];
        awaitTrue("the figures reach " + size + " entries", () -> {
            var answer = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-04-01T00:00:00Z")
                    .queryParam("to", "2026-05-01T00:00:00Z").get("/api/v1/figures").then().extract();
            figures[0] = answer.statusCode() == 200 ? answer.jsonPath() : null;
            return figures[0] != null && figures[0].getLong("checkpoint.size") >= size;
        });
        return figures[0];
    }

    private static ObjectNode event(UUID partnership, String at) {
        ObjectNode event = Fixtures.event();
        event.put("partnershipId", partnership.toString());
        event.put("occurredAt", at);
        return event;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
