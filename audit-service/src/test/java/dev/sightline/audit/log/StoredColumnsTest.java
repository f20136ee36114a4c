package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whatever text an event carries is stored as sent: every column copied from the entry equals the entry's value,
 * and the entry reads back exactly, however the text collides with COPY's text format or an array literal.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "assistant-gateway", roles = { "audit-writer", "auditor" })
class StoredColumnsTest {
    /** Text that COPY's text format, an array literal or SQL treats specially. */
    static final List<String> AWKWARD = List.of("null", "NULL", "\\N", "\\\\N", "\\.", "say \"hi\"", "{braces}",
            "{\"a\",\"b\"}", "a,b", "back\\slash", "tab\there", "line\nbreak", "carriage\rreturn", " spaced out ",
            "emoji \uD83D\uDE00 ünï", "\u0001control");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyColumnEqualsItsEntryWhateverTheTextCarries() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            String text = AWKWARD.get(i);
            ObjectNode e = Fixtures.event();
            e.with("actor").put("id", text);
            e.putObject("model").put("name", text).put("version", text);
            if (i % 2 == 0) {
                e.put("action", "AUTHORITY_REQUEST");
                e.putObject("authority").put("name", text).put("country", "US").put("legalInstrument", text)
                        .put("disposition", "REJECTED");
            }
            events.add(e);
        }
        // keys may carry only [a-z0-9._-], but "null" is one (a subjectRef only a pseudonym)
        ObjectNode keys = Fixtures.event();
        keys.putArray("dataCategories").add("null");
        keys.put("feature", "null").put("purpose", "null").put("subjectRef", Fixtures.subjectRef("null"));
        keys.put("accessCountry", "US").put("subjectRegion", "US-CA");
        events.add(keys);
        ObjectNode several = Fixtures.event();
        several.putArray("dataCategories").add("null").add("user.content.voice").add("null");
        several.put("subjectRegion", "CN");
        several.remove(List.of("feature", "subjectRef"));
        events.add(several);
        ObjectNode none = Fixtures.event();
        none.putArray("dataCategories");
        events.add(none);

        List<Long> seqs = Fixtures.append(events);

        for (int i = 0; i < events.size(); i++) {
            ObjectNode sent = events.get(i);
            assertColumnsEqualEntry(seqs.get(i));
            JsonNode entry = JSON.readTree(given().get("/api/v1/events/" + seqs.get(i)).then().statusCode(200)
                    .contentType(ContentType.JSON).extract().asString()).get("entry");
            ObjectNode stored = ((ObjectNode) entry).deepCopy();
            stored.remove(List.of("receivedAt", "occurredAt"));
            ObjectNode expected = sent.deepCopy();
            expected.remove("occurredAt");
            assertEquals(expected, stored, "entry " + seqs.get(i) + " as sent");
            assertEquals(Instant.parse(sent.get("occurredAt").asText()), Instant.parse(entry.get("occurredAt").asText()));
        }
    }

    @Test
    void refusesWhatThePatternsForbidAndChecksTheRegulatoryFields() {
        ObjectNode upper = Fixtures.event();
        upper.putArray("dataCategories").add("NULL");
        given().contentType(ContentType.JSON).body(upper.toString()).post("/api/v1/events").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("dataCategories[0]"));

        ObjectNode bad = Fixtures.event();
        bad.putObject("model").put("name", " ");
        bad.put("accessCountry", "XX").put("subjectRegion", "US-ZZ");
        given().contentType(ContentType.JSON).body(bad.toString()).post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("model.name", "model.version", "accessCountry",
                        "subjectRegion"));
        for (String region : List.of("EU", "us-ca", "US-", "US-CAL", "CA-QC", "XX")) {
            ObjectNode e = Fixtures.event().put("subjectRegion", region);
            given().contentType(ContentType.JSON).body(e.toString()).post("/api/v1/events").then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("subjectRegion"));
        }
        ObjectNode unknown = Fixtures.event();
        unknown.putObject("model").put("name", "nimbus-llm").put("version", "1").put("vendor", "Nimbus");
        given().contentType(ContentType.JSON).body(unknown.toString()).post("/api/v1/events").then().statusCode(400);
        ObjectNode typed = Fixtures.event();
        typed.put("model", "nimbus-llm 1");
        given().contentType(ContentType.JSON).body(typed.toString()).post("/api/v1/events").then().statusCode(400);
        for (String region : List.of("US-CA", "US-DC", "US-PR", "CN", "DE")) {
            ObjectNode e = Fixtures.event().put("subjectRegion", region);
            given().contentType(ContentType.JSON).body(e.toString()).post("/api/v1/events").then().statusCode(201);
        }
    }

    /** Reads the row by SQL and compares each column copied from the entry with the entry's value. */
    static void assertColumnsEqualEntry(long seq) throws SQLException, IOException {
        try (Connection c = Fixtures.superuser();
                PreparedStatement select = c.prepareStatement("SELECT * FROM audit.log_entry WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "entry " + seq);
                JsonNode e = JSON.readTree(row.getString("entry"));
                String at = "entry " + seq + ", column ";
                assertEquals(e.get("eventId").asText(), row.getObject("event_id", UUID.class).toString(), at + "event_id");
                assertEquals(e.get("partnershipId").asText(), row.getObject("partnership_id", UUID.class).toString(),
                        at + "partnership_id");
                assertEquals(Instant.parse(e.get("occurredAt").asText()),
                        row.getObject("occurred_at", OffsetDateTime.class).toInstant(), at + "occurred_at");
                assertEquals(Instant.parse(e.get("receivedAt").asText()),
                        row.getObject("received_at", OffsetDateTime.class).toInstant(), at + "received_at");
                assertEquals(text(e, "actor", "type"), row.getString("actor_type"), at + "actor_type");
                assertEquals(text(e, "actor", "id"), row.getString("actor_id"), at + "actor_id");
                assertEquals(text(e, "action"), row.getString("action"), at + "action");
                assertEquals(text(e, "feature"), row.getString("feature"), at + "feature");
                List<String> categories = new ArrayList<>();
                e.get("dataCategories").forEach(category -> categories.add(category.asText()));
                Array stored = row.getArray("data_categories");
                assertEquals(categories, Arrays.asList((String[]) stored.getArray()), at + "data_categories");
                assertEquals(e.get("recordCount").asLong(), row.getLong("record_count"), at + "record_count");
                assertEquals(text(e, "subjectRef"), row.getString("subject_ref"), at + "subject_ref");
                assertEquals(text(e, "processing", "mode"), row.getString("processing_mode"), at + "processing_mode");
                assertEquals(text(e, "processing", "country"), row.getString("processing_country"),
                        at + "processing_country");
                assertEquals(text(e, "purpose"), row.getString("purpose"), at + "purpose");
                assertEquals(text(e, "outcome"), row.getString("outcome"), at + "outcome");
                assertEquals(text(e, "model", "name"), row.getString("model_name"), at + "model_name");
                assertEquals(text(e, "model", "version"), row.getString("model_version"), at + "model_version");
                assertEquals(text(e, "accessCountry"), row.getString("access_country"), at + "access_country");
                assertEquals(text(e, "subjectRegion"), row.getString("subject_region"), at + "subject_region");
            }
        }
    }

    /** The text at a path of the entry; null where the entry has none. */
    private static String text(JsonNode entry, String... path) {
        JsonNode node = entry;
        for (String key : path) {
            node = node.path(key);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
