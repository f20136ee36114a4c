package dev.sightline.audit.log.rest;

import static dev.sightline.audit.Fixtures.count;
import static dev.sightline.audit.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Input that PostgreSQL or Java cannot hold, or that strict JSON does not mean, is a 400 problem naming the field or
 * parameter, and nothing is written; so is contact data in the free text of an append-only log.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "assistant-gateway", roles = { "audit-writer", "auditor" })
class BadInputTest {
    private static final String COUNT = "SELECT count(*) FROM audit.log_entry";

    @Test
    void refusesNulAndLoneSurrogatesInEveryEventString() throws Exception {
        Map<String, Consumer<ObjectNode>> breakers = Map.of(
                "actor.id", e -> e.with("actor").put("id", "gateway\u0000"),
                "model.name", e -> e.putObject("model").put("name", "nimbus\u0000").put("version", "1"),
                "model.version", e -> e.putObject("model").put("name", "nimbus").put("version", "\u00001"),
                "feature", e -> e.put("feature", "assistant\u0000"),
                "purpose", e -> e.put("purpose", "\u0000"),
                "dataCategories[0]", e -> e.putArray("dataCategories").add("user.content\u0000"),
                "subjectRef", e -> e.put("subjectRef", "ps_\u0000"),
                "processing.country", e -> e.with("processing").put("country", "D\u0000"));
        for (Map.Entry<String, Consumer<ObjectNode>> breaker : breakers.entrySet()) {
            ObjectNode bad = event();
            breaker.getValue().accept(bad);
            refused(bad.toString(), breaker.getKey());
        }
        // a lone surrogate cannot be written by Jackson's tree, so it goes as a JSON escape
        refused(event().toString().replace("\"nimbus-llm-gateway\"", "\"gateway\\ud800\""), "actor.id");
        refused(event().toString().replace("\"nimbus-llm-gateway\"", "\"\\udc00gateway\""), "actor.id");
        String authority = authorityRequest();
        refused(authority.replace("Municipal Public", "Municipal\\u0000Public"), "authority.name");
        refused(authority.replace("art. 35", "art. \\ud83d"), "authority.legalInstrument");
    }

    @Test
    void refusesInstantsOutsideTheYearsOneToNineThousandNineHundredNinetyNine() throws Exception {
        for (String outside : List.of("+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                "0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z")) {
            refused(event().put("occurredAt", outside).toString(), "occurredAt");
        }
        for (String edge : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z")) {
            given().contentType(ContentType.JSON).body(event().put("occurredAt", edge).toString())
                    .when().post("/api/v1/events")
                    .then().statusCode(201);
        }
    }

    @Test
    void refusesWhatStrictJsonDoesNotMean() throws Exception {
        String valid = event().toString();
        String eventId = event().get("eventId").asText();
        List<Map.Entry<String, String>> bodies = List.of(
                Map.entry("occurredAt", valid.replace("\"2026-11-29T10:15:30Z\"", "0")),
                Map.entry("occurredAt", valid.replace("\"2026-11-29T10:15:30Z\"", "-1e400")),
                Map.entry("occurredAt", valid.replace("\"2026-11-29T10:15:30Z\"", "\"\"")),
                Map.entry("occurredAt", valid.replace("\"2026-11-29T10:15:30Z\"", "\" 2026-11-29T10:15:30Z\"")),
                Map.entry("occurredAt", valid.replace("\"2026-11-29T10:15:30Z\"", "\"2026-11-29T10:15:30Z\\u0000\"")),
                Map.entry("eventId", event().put("eventId", "").toString()),
                Map.entry("eventId", event().put("eventId", eventId + "\u0000").toString()),
                Map.entry("eventId", event().put("eventId", eventId + " ").toString()),
                Map.entry("eventId", event().put("eventId", " " + eventId).toString()),
                Map.entry("eventId", event().put("eventId", eventId.replace("-", "")).toString()),
                Map.entry("partnershipId", event().put("partnershipId", "").toString()),
                Map.entry("processing.mode", valid.replace("\"ON_DEVICE\"", "\"\"")));
        for (Map.Entry<String, String> body : bodies) {
            refused(body.getValue(), body.getKey());
        }
    }

    @Test
    void refusesContactDataInFreeText() throws Exception {
        Map<String, String> bodies = Map.of(
                "actor.id", event().toString().replace("nimbus-llm-gateway", "jane.doe@example.com"),
                "model.name", event().set("model", event().objectNode().put("name", "call tel:+4915123456789")
                        .put("version", "1")).toString(),
                "model.version", event().set("model", event().objectNode().put("name", "nimbus")
                        .put("version", "+49 151 2345 6789")).toString());
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            refused(body.getValue(), body.getKey());
        }
        String authority = authorityRequest();
        refused(authority.replace("Municipal Public Security Bureau", "Officer Li, 0151 23456789"), "authority.name");
        refused(authority.replace("Municipal Public Security Bureau", "Bureau, pay to DE89 3704 0044 0532 0130 00"),
                "authority.name");
        refused(authority.replace("Data Security Law art. 35", "write to li.wei@psb.example.cn"),
                "authority.legalInstrument");
        // versions, dates, article numbers and IBAN-shaped codes that fail the check are no contact data
        given().contentType(ContentType.JSON).body(authority
                        .replace("Data Security Law art. 35", "Regulation (EU) 2016/679 Art. 6(1)(c), case 2026-10-01")
                        .replace("Municipal Public Security Bureau", "Bureau DE00 1234 5678 9012 3456 78"))
                .when().post("/api/v1/events")
                .then().statusCode(201);
    }

    @Test
    void answersUnparsableOrOutOfRangeQueryParametersWith400Problems() {
        Map<String, String> queries = Map.ofEntries(
                Map.entry("/api/v1/events?limit=abc", "limit"),
                Map.entry("/api/v1/events?limit=0", "limit"),
                Map.entry("/api/v1/events?limit=501", "limit"),
                Map.entry("/api/v1/events?after=abc", "after"),
                Map.entry("/api/v1/events?after=-2", "after"),
                Map.entry("/api/v1/events?after=99999999999999999999", "after"),
                Map.entry("/api/v1/events?from=%2B1000000000-01-01T00:00:00Z", "from"),
                Map.entry("/api/v1/events?to=-999999999-01-01T00:00:00Z", "to"),
                Map.entry("/api/v1/events?actorId=a%00b", "actorId"),
                Map.entry("/api/v1/events?partnershipId=%20", "partnershipId"),
                Map.entry("/api/v1/checkpoints?limit=abc", "limit"),
                Map.entry("/api/v1/checkpoints?after=abc", "after"),
                Map.entry("/api/v1/checkpoints?size=abc", "size"),
                Map.entry("/api/v1/checkpoints?size=-1", "size"),
                Map.entry("/api/v1/proofs/inclusion?seq=abc", "seq"),
                Map.entry("/api/v1/proofs/inclusion", "seq"),
                Map.entry("/api/v1/proofs/inclusion?seq=0&treeSize=abc", "treeSize"),
                Map.entry("/api/v1/proofs/consistency?from=abc", "from"),
                Map.entry("/api/v1/proofs/consistency?from=0&to=1.5", "to"),
                Map.entry("/api/v1/violations?limit=abc", "limit"),
                Map.entry("/api/v1/violations?after=abc", "after"),
                Map.entry("/api/v1/thresholds?at=%2B1000000000-01-01T00:00:00Z", "at"),
                Map.entry("/api/v1/stats?from=0000-01-01T00:00:00Z", "from"),
                Map.entry("/api/v1/authority-requests?to=%2B10000-01-01T00:00:00Z", "to"),
                Map.entry("/api/v1/figures?partnershipId=%20&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                        "partnershipId"),
                Map.entry("/api/v1/figures?partnershipId=&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                        "partnershipId"));
        queries.forEach((query, parameter) -> {
            // sent as written: the percent escapes are the point
            Response response = given().urlEncodingEnabled(false).when().get(query);
            assertEquals(400, response.statusCode(), query + " answered " + response.asString());
            response.then().contentType("application/problem+json").body("errors.field", hasItem(parameter));
        });
        for (String negative : List.of("/api/v1/events/-1", "/api/v1/verdicts/-1")) {
            given().when().get(negative).then().statusCode(400).contentType("application/problem+json");
        }
        given().when().get("/api/v1/events/abc").then().statusCode(404);
    }

    /** An AUTHORITY_REQUEST event as JSON, for edits of its authority's text. */
    private static String authorityRequest() {
        ObjectNode request = event().put("action", "AUTHORITY_REQUEST");
        request.putObject("authority").put("name", "Municipal Public Security Bureau").put("country", "CN")
                .put("legalInstrument", "Data Security Law art. 35").put("disposition", "REJECTED");
        return request.toString();
    }

    private static void refused(String body, String field) throws Exception {
        long before = count(COUNT);
        Response single = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/events");
        assertEquals(400, single.statusCode(), field + " in " + body + " answered " + single.asString());
        single.then().contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
        given().contentType(ContentType.JSON).body("{\"events\": [" + body + "]}")
                .when().post("/api/v1/events/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field.isEmpty() ? "events[0]" : "events[0]." + field));
        assertEquals(before, count(COUNT), "nothing may be stored for " + field);
    }
}
