package dev.sightline.audit.log.rest;

import static dev.sightline.audit.Fixtures.batch;
import static dev.sightline.audit.Fixtures.count;
import static dev.sightline.audit.Fixtures.event;
import static dev.sightline.audit.Fixtures.events;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "assistant-gateway", roles = { "audit-writer", "auditor" })
class EventResourceTest {
    private static final String COUNT = "SELECT count(*) FROM audit.log_entry";

    @Test
    void appendsAnEventWhoseStoredEntryHashesToItsLeafHash() {
        ObjectNode event = event();
        JsonPath appended = given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/events/"))
                .body("eventId", equalTo(event.get("eventId").asText()))
                .body("duplicate", equalTo(false))
                .extract().jsonPath();
        long seq = appended.getLong("seq");

        String body = given().when().get("/api/v1/events/" + seq)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("seq", equalTo((int) seq))
                .body("entry.eventId", equalTo(event.get("eventId").asText()))
                .body("entry.receivedAt", notNullValue())
                .body("entry.processing.mode", equalTo("ON_DEVICE"))
                .extract().asString();
        JsonPath read = JsonPath.from(body);
        String entryJson = CanonicalJson.toCanonicalString(CanonicalJson.parse(body).get("entry"));
        byte[] recomputed = Merkle.leafHash(CanonicalJson.canonicalize(entryJson));
        assertEquals(appended.getString("leafHash"), read.getString("leafHash"));
        assertArrayEquals(Base64.getDecoder().decode(read.getString("leafHash")), recomputed,
                "SHA-256(0x00 || JCS(entry)) must equal leafHash");
    }

    @Test
    void answersARetryWithTheOriginalEntryAndStoresItOnce() throws Exception {
        ObjectNode event = event();
        JsonPath first = given().contentType(ContentType.JSON).body(event.toString()).post("/api/v1/events")
                .then().statusCode(201).extract().jsonPath();
        long before = count(COUNT);
        given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(200)
                .body("seq", equalTo(first.getInt("seq")))
                .body("leafHash", equalTo(first.getString("leafHash")))
                .body("duplicate", equalTo(true));
        assertEquals(before, count(COUNT));
    }

    @Test
    void refusesTheSameEventIdWithOtherContent() throws Exception {
        ObjectNode event = event();
        given().contentType(ContentType.JSON).body(event.toString()).post("/api/v1/events").then().statusCode(201);
        long before = count(COUNT);
        event.put("recordCount", 2);
        given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("different content"));
        assertEquals(before, count(COUNT));
    }

    @Test
    void appendsABatchWithDenseSeqsInTheOrderPosted() {
        List<ObjectNode> events = events(25);
        JsonPath result = given().contentType(ContentType.JSON).body(batch(events))
                .when().post("/api/v1/events/batch")
                .then().statusCode(201)
                .body("entries", hasSize(25))
                .extract().jsonPath();
        List<Long> seqs = result.getList("entries.seq", Long.class);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).get("eventId").asText(), result.getString("entries[" + i + "].eventId"));
            assertEquals(seqs.get(0) + i, seqs.get(i), "seqs are dense and in posting order");
        }
    }

    @Test
    void answersABatchOfRetriesWith200AndKeepsDuplicatesInsideABatchOnce() throws Exception {
        ObjectNode event = event();
        List<ObjectNode> twice = List.of(event, event.deepCopy());
        JsonPath first = given().contentType(ContentType.JSON).body(batch(twice)).post("/api/v1/events/batch")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(first.getLong("entries[0].seq"), first.getLong("entries[1].seq"));
        assertTrue(first.getBoolean("entries[1].duplicate"));
        long before = count(COUNT);
        given().contentType(ContentType.JSON).body(batch(twice))
                .when().post("/api/v1/events/batch")
                .then().statusCode(200)
                .body("entries.duplicate", equalTo(List.of(true, true)));
        assertEquals(before, count(COUNT));
    }

    @Test
    void refusesAWholeBatchForOneInvalidEventAndStoresNothing() throws Exception {
        List<ObjectNode> events = events(5);
        events.get(3).with("processing").put("country", "XX");
        long before = count(COUNT);
        given().contentType(ContentType.JSON).body(batch(events))
                .when().post("/api/v1/events/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("events[3].processing.country"));
        assertEquals(before, count(COUNT));
    }

    @Test
    void refusesABatchWithAConflictingRetryAndStoresNothingOfIt() throws Exception {
        ObjectNode known = event();
        given().contentType(ContentType.JSON).body(known.toString()).post("/api/v1/events").then().statusCode(201);
        List<ObjectNode> events = events(3);
        ObjectNode changed = known.deepCopy();
        changed.put("purpose", "advertising");
        events.add(changed);
        long before = count(COUNT);
        given().contentType(ContentType.JSON).body(batch(events))
                .when().post("/api/v1/events/batch")
                .then().statusCode(409);
        assertEquals(before, count(COUNT));
    }

    @Test
    void refusesMoreThanAThousandEventsInABatch() {
        given().contentType(ContentType.JSON).body(batch(events(1001)))
                .when().post("/api/v1/events/batch")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("events"));
    }

    @Test
    void namesAnUnknownEnumValue() {
        ObjectNode event = event();
        event.put("action", "PEEK");
        given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("action"))
                .body("errors[0].message", containsString("'PEEK' is not one of [READ, WRITE"));
    }

    @Test
    void refusesFloatsWhereIntegersBelong() {
        ObjectNode event = event();
        event.put("recordCount", 1.5);
        given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("recordCount"))
                .body("errors[0].message", containsString("integer"));
    }

    @Test
    void namesUnknownFieldsAndNestedOnes() {
        ObjectNode event = event();
        event.with("actor").put("email", "someone@example.com");
        given().contentType(ContentType.JSON).body(event.toString())
                .when().post("/api/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("actor.email"))
                .body("errors[0].message", containsString("unknown property"));
    }

    @Test
    void refusesEverySubjectRefThatIsNotAPseudonymOfTheDocumentedFormat() {
        String pseudonym = Fixtures.subjectRef("jane");
        for (String raw : List.of("jane.doe@example.com", "+49 170 1234567", "491701234567", "192.168.10.24",
                "3C:22:FB:11:0A:9E", "JaneDoe", "JaneDoe1985", "tel:4915123456789", "DE89370400440532013000",
                "fe80::1ff:fe23:4567:890a", "hmac:9f86d081884c7d659a2feaa0c55ad015",
                "psn_8f14e45fceea167a5a36dedd4bea2543", pseudonym.substring(0, 45), pseudonym + "A",
                pseudonym.substring(0, 45) + "B", pseudonym.replace("ps_", "PS_"), " " + pseudonym.substring(1))) {
            ObjectNode event = event();
            event.put("subjectRef", raw);
            given().contentType(ContentType.JSON).body(event.toString())
                    .when().post("/api/v1/events")
                    .then().statusCode(400)
                    .body("errors.field", hasItem("subjectRef"));
        }
        ObjectNode pseudonymous = event();
        pseudonymous.put("subjectRef", pseudonym);
        given().contentType(ContentType.JSON).body(pseudonymous.toString()).post("/api/v1/events")
                .then().statusCode(201);
    }

    @Test
    void requiresTheAuthorityForAuthorityRequestsOnly() {
        ObjectNode request = event();
        request.put("action", "AUTHORITY_REQUEST");
        given().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/events")
                .then().statusCode(400).body("errors.field", hasItem("authority"));
        request.putObject("authority").put("name", "Municipal Public Security Bureau").put("country", "CN")
                .put("legalInstrument", "Data Security Law art. 35").put("disposition", "REJECTED");
        given().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/events")
                .then().statusCode(201);
        ObjectNode plain = event();
        plain.set("authority", request.get("authority"));
        given().contentType(ContentType.JSON).body(plain.toString()).post("/api/v1/events")
                .then().statusCode(400).body("errors.field", hasItem("authority"));
    }

    @Test
    void listsEntriesByFilterWithACursor() {
        UUID partnership = UUID.randomUUID();
        List<ObjectNode> events = events(7);
        events.forEach(e -> e.put("partnershipId", partnership.toString()));
        events.get(2).putArray("dataCategories").add("user.location.precise");
        events.get(4).put("action", "TRANSFER");
        List<Long> seqs = Fixtures.append(events);

        JsonPath page = given().queryParam("partnershipId", partnership).queryParam("limit", 4)
                .when().get("/api/v1/events")
                .then().statusCode(200)
                .body("items", hasSize(4))
                .extract().jsonPath();
        assertEquals(seqs.subList(0, 4), page.getList("items.seq", Long.class));
        given().queryParam("partnershipId", partnership).queryParam("limit", 4)
                .queryParam("after", page.getLong("next"))
                .when().get("/api/v1/events")
                .then().statusCode(200)
                .body("items.seq", equalTo(seqs.subList(4, 7).stream().map(Long::intValue).toList()))
                .body("next", nullValue());
        given().queryParam("partnershipId", partnership).queryParam("category", "user.location")
                .when().get("/api/v1/events")
                .then().statusCode(200)
                .body("items.seq", equalTo(List.of(seqs.get(2).intValue())));
        given().queryParam("partnershipId", partnership).queryParam("action", "TRANSFER")
                .when().get("/api/v1/events")
                .then().statusCode(200)
                .body("items.seq", equalTo(List.of(seqs.get(4).intValue())));
    }

    @Test
    void refusesAnUnboundedOrInvalidListing() {
        given().queryParam("limit", 501).when().get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("action", "PEEK").when().get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        given().queryParam("from", "yesterday").when().get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("partnershipId", "42").when().get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("partnershipId"));
    }

    @Test
    void answersAnUnknownSeqWith404() {
        given().when().get("/api/v1/events/99999999").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
