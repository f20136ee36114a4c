package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.auditEvents;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.writtenRows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PartnershipResourceTest {
    private static final String PARTNERSHIPS = "/api/v1/partnerships";

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void createsADraftAsRevisionOneAndReadsItBack() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String location = given().contentType(ContentType.JSON).body(activatable(reference, partnerId))
                .when().post(PARTNERSHIPS)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("DRAFT"))
                .body("revision", equalTo(1))
                .body("createdBy", equalTo("alice"))
                .body("dataPolicy.allowedModes", contains("ON_DEVICE", "PARTNER_CLOUD"))
                .extract().header("Location");

        given().when().get(location)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("reference", equalTo(reference))
                .body("partnerId", equalTo(partnerId))
                .body("aiSystems[0].riskClass", equalTo("LIMITED"))
                .body("transfers[0].mechanism", equalTo("EU_SCC"))
                .body("assessments[0].type", equalTo("TIA"))
                .body("filings[0].type", equalTo("EU_AI_DATABASE_REGISTRATION"))
                .body("publicCommitments", hasSize(1))
                .body("updatedAt", endsWith("Z"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesASecondPartnershipWithTheSameReference() {
        String partnerId = createPartner("CN");
        String reference = reference();
        given().contentType(ContentType.JSON).body(activatable(reference, partnerId)).post(PARTNERSHIPS)
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(activatable(reference, partnerId))
                .when().post(PARTNERSHIPS)
                .then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void updatesNeedTheCurrentETag() {
        String id = createPartnership(createPartner("CN"));
        String body = activatable("PRT-UPD-" + id.substring(0, 8).toUpperCase(), partnerOf(id));

        given().contentType(ContentType.JSON).body(body)
                .when().put(PARTNERSHIPS + "/" + id)
                .then().statusCode(428)
                .contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .when().put(PARTNERSHIPS + "/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("revision", equalTo(2));
        // The same stale ETag again: someone else's change would be overwritten.
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body.replace("voice assistance", "x"))
                .when().put(PARTNERSHIPS + "/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("\"2\""));
        given().when().get(PARTNERSHIPS + "/" + id).then().body("revision", equalTo(2));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void ofTwoConcurrentUpdatesWithTheSameETagOneWinsAndTheOtherGets412() throws Exception {
        String id = createPartnership(createPartner("CN"));
        String partnerId = partnerOf(id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String title : List.of("First writer", "Second writer")) {
                Callable<Integer> update = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                            .body(activatable("PRT-CC-" + id.substring(0, 8).toUpperCase(), partnerId)
                                    .replace("Nimbus-LM voice assistance in Germany", title))
                            .put(PARTNERSHIPS + "/" + id).statusCode();
                };
                results.add(pool.submit(update));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdownNow();
        }
        given().get(PARTNERSHIPS + "/" + id + "/revisions").then().body("items", hasSize(2));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void anUpdateThatChangesNothingMakesNoRevision() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String id = given().contentType(ContentType.JSON).body(activatable(reference, partnerId)).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(activatable(reference, partnerId))
                .when().put(PARTNERSHIPS + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void recordsWhoChangedWhatAndWhenAndAnswersForAnyPastInstant() throws Exception {
        String partnerId = createPartner("CN");
        String reference = reference();
        String v1 = activatable(reference, partnerId);
        String id = given().contentType(ContentType.JSON).body(v1).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
        String v2 = v1.replace("\"retentionDays\": 30", "\"retentionDays\": 14");
        put(id, "1", v2);
        String v3 = v2.replace("\"markets\": [\"DE\"]", "\"markets\": [\"DE\", \"FR\"]")
                .replace("\"user.content.voice\", \"user.content.text\"", "\"user.content\"");
        put(id, "2", v3);
        given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"Ready for review\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions").then().statusCode(200).body("revision", equalTo(4));

        Response history = given().when().get(PARTNERSHIPS + "/" + id + "/revisions")
                .then().statusCode(200)
                .body("items.revision", contains(1, 2, 3, 4))
                .body("items.kind", contains("CREATED", "UPDATED", "UPDATED", "TRANSITIONED"))
                .body("items.actor", everyItem(equalTo("alice")))
                .body("items[1].changedFields", contains("dataPolicy.retentionDays"))
                .body("items[2].changedFields", contains("markets", "dataPolicy.allowedCategories"))
                .body("items[3].changedFields", contains("status"))
                .body("items[3].summary", equalTo("DRAFT → UNDER_REVIEW"))
                .body("items[3].reason", equalTo("Ready for review"))
                .body("next", nullValue())
                .extract().response();
        List<Instant> validFrom = history.jsonPath().getList("items.validFrom", String.class).stream()
                .map(Instant::parse).toList();

        // Before it existed: nothing was agreed.
        given().queryParam("at", validFrom.get(0).minus(1, ChronoUnit.MICROS).toString())
                .when().get(PARTNERSHIPS + "/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        // Each revision answers from its first instant until just before the next one.
        for (int n = 1; n <= 4; n++) {
            Instant from = validFrom.get(n - 1);
            given().queryParam("at", from.toString()).when().get(PARTNERSHIPS + "/" + id)
                    .then().statusCode(200).body("revision", equalTo(n));
            if (n < 4) {
                given().queryParam("at", validFrom.get(n).minus(1, ChronoUnit.MICROS).toString())
                        .when().get(PARTNERSHIPS + "/" + id)
                        .then().statusCode(200).body("revision", equalTo(n));
            }
        }
        given().queryParam("at", validFrom.get(0).toString()).get(PARTNERSHIPS + "/" + id)
                .then().body("dataPolicy.retentionDays", equalTo(30)).body("markets", contains("DE"))
                .body("status", equalTo("DRAFT"));
        given().queryParam("at", validFrom.get(1).toString()).get(PARTNERSHIPS + "/" + id)
                .then().body("dataPolicy.retentionDays", equalTo(14)).body("markets", contains("DE"));
        given().queryParam("at", validFrom.get(2).toString()).get(PARTNERSHIPS + "/" + id)
                .then().body("markets", contains("DE", "FR")).body("status", equalTo("DRAFT"));
        given().queryParam("at", Instant.now().plus(1, ChronoUnit.DAYS).toString()).get(PARTNERSHIPS + "/" + id)
                .then().body("status", equalTo("UNDER_REVIEW")).body("lastTransition.reason", equalTo("Ready for review"));

        given().when().get(PARTNERSHIPS + "/" + id + "/revisions/1")
                .then().statusCode(200)
                .body("kind", equalTo("CREATED"))
                .body("partnership.dataPolicy.retentionDays", equalTo(30));
        given().when().get(PARTNERSHIPS + "/" + id + "/revisions/9").then().statusCode(404);
        given().queryParam("limit", 2).when().get(PARTNERSHIPS + "/" + id + "/revisions")
                .then().body("items.revision", contains(1, 2)).body("next", equalTo("2"));
        given().queryParam("limit", 2).queryParam("after", "2").when().get(PARTNERSHIPS + "/" + id + "/revisions")
                .then().body("items.revision", contains(3, 4)).body("next", nullValue());
        given().queryParam("at", "yesterday").when().get(PARTNERSHIPS + "/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("at"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void revisionsCannotBeChangedEvenInTheDatabase() throws Exception {
        String id = createPartnership(createPartner("CN"));
        try (var connection = dev.sightline.partnership.Fixtures.connect(); var statement = connection.createStatement()) {
            var failure = Assertions.assertThrows(SQLException.class,
                    () -> statement.executeUpdate("UPDATE partnership.partnership_revision SET actor = 'mallory' "
                            + "WHERE partnership_id = '" + id + "'"));
            MatcherAssert.assertThat(failure.getMessage(), containsString("immutable"));
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void listsWithFiltersAndACursorNeverUnbounded() {
        String partnerId = createPartner("CN");
        String tag = "LST" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String body = activatable("PRT-" + tag + "-" + i, partnerId);
            if (i == 4) {
                body = body.replace("\"riskClass\": \"LIMITED\"", "\"riskClass\": \"HIGH\"")
                        .replace("\"markets\": [\"DE\"]", "\"markets\": [\"FR\"]");
            }
            ids.add(given().contentType(ContentType.JSON).body(body).post(PARTNERSHIPS)
                    .then().statusCode(201).extract().path("id"));
        }
        Response first = given().queryParam("q", tag.toLowerCase()).queryParam("limit", 3)
                .when().get(PARTNERSHIPS)
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].partnerName", notNullValue())
                .body("next", notNullValue())
                .extract().response();
        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.id", String.class));
        given().queryParam("q", tag).queryParam("limit", 3).queryParam("after", first.jsonPath().getString("next"))
                .when().get(PARTNERSHIPS)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("next", nullValue())
                .extract().jsonPath().getList("items.id", String.class).forEach(seen::add);
        assertEquals(ids, new HashSet<>(seen));
        assertEquals(5, seen.size());

        given().queryParam("q", tag).queryParam("riskClass", "HIGH").get(PARTNERSHIPS)
                .then().body("items", hasSize(1)).body("items[0].riskClasses", contains("HIGH"));
        given().queryParam("q", tag).queryParam("market", "FR").get(PARTNERSHIPS)
                .then().body("items", hasSize(1)).body("items[0].markets", contains("FR"));
        given().queryParam("partnerId", partnerId).queryParam("status", "DRAFT").queryParam("market", "DE")
                .get(PARTNERSHIPS).then().body("items", hasSize(4));
        given().queryParam("partnerId", partnerId).queryParam("status", "ACTIVE").get(PARTNERSHIPS)
                .then().body("items", hasSize(0));

        given().queryParam("limit", 501).get(PARTNERSHIPS)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().queryParam("status", "LIVE").queryParam("riskClass", "EXTREME").queryParam("market", "XX")
                .get(PARTNERSHIPS)
                .then().statusCode(400)
                .body("errors.field", contains("status", "riskClass", "market"));
        given().queryParam("after", "not-a-cursor").get(PARTNERSHIPS)
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
    }

    @Test
    @TestSecurity(user = "ivan", roles = "partnership-viewer")
    void everyReadIsAuditedWithTheCallerAsActor() {
        String id = seedAs();
        given().get(PARTNERSHIPS + "/" + id).then().statusCode(200);
        given().get(PARTNERSHIPS + "/" + id + "/revisions").then().statusCode(200);
        given().get(PARTNERSHIPS + "/" + id + "/revisions/1").then().statusCode(200);
        given().get(PARTNERSHIPS + "/" + id + "/policy").then().statusCode(200);
        given().queryParam("partnerId", partnerOfRow(id)).get(PARTNERSHIPS).then().statusCode(200);
        // A read that fails records nothing.
        given().get(PARTNERSHIPS + "/" + id + "/revisions/99").then().statusCode(404);

        List<List<String>> events = auditEvents(id);
        assertEquals(5, events.size(), events.toString());
        events.forEach(e -> assertEquals(List.of("READ", "ivan", "USER"), e));
        // The payload is exactly what the audit-service takes.
        List<List<String>> payload = dev.sightline.partnership.Fixtures.rows("SELECT payload::text FROM "
                + "partnership.audit_outbox WHERE partnership_id = ?::uuid ORDER BY position LIMIT 1", id);
        JsonPath event = new JsonPath(payload.get(0).get(0));
        assertEquals(Set.of("eventId", "occurredAt", "partnershipId", "actor", "action", "feature", "dataCategories",
                "recordCount", "processing", "purpose", "outcome"), event.getMap("$").keySet());
        assertEquals("partnership-records", event.getString("feature"));
        assertEquals("COMPANY_CLOUD", event.getString("processing.mode"));
        assertEquals("DE", event.getString("processing.country"));
        assertEquals(1, event.getInt("recordCount"));
    }

    /** Seeds a partnership straight into the tables, since ivan may not write. */
    private static String seedAs() {
        String id = UUID.randomUUID().toString();
        String partner = UUID.randomUUID().toString();
        try (var connection = dev.sightline.partnership.Fixtures.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO partnership.partner VALUES ('" + partner + "', 'Seeded " + partner
                    + "', 'CN', 'CN', null, null, null, true, 0, now(), 'alice', now(), 'alice')");
            String document = "{\"id\": \"" + id + "\", \"reference\": \"PRT-SEED-" + id.substring(0, 8).toUpperCase()
                    + "\", \"title\": \"Seeded\", \"owner\": \"o\", \"partnerId\": \"" + partner + "\", \"status\": "
                    + "\"DRAFT\", \"aiSystems\": [], \"features\": [], \"markets\": [], \"dataPolicy\": {\"allowedCategories\": [],"
                    + " \"forbiddenCategories\": [], \"allowedModes\": [], \"allowedCountries\": [], \"allowedPurposes\": []},"
                    + " \"transfers\": [], \"legalBases\": [], \"assessments\": [], \"filings\": [], \"publicCommitments\": [],"
                    + " \"revision\": 1, \"createdBy\": \"alice\", \"updatedBy\": \"alice\"}";
            statement.executeUpdate("INSERT INTO partnership.partnership VALUES ('" + id + "', 'PRT-SEED-"
                    + id.substring(0, 8).toUpperCase() + "', 'Seeded', '" + partner + "', 'DRAFT', '{}', '{}', null, null, 1,"
                    + " null, '" + document + "', now(), 'alice', now(), 'alice')");
            statement.executeUpdate("INSERT INTO partnership.partnership_revision VALUES ('" + UUID.randomUUID()
                    + "', '" + id + "', 1, now() - interval '1 second', 'alice', 'CREATED', 'Created in DRAFT', null, '{}', '"
                    + document + "')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static String partnerOfRow(String id) {
        return dev.sightline.partnership.Fixtures.rows("SELECT partner_id::text FROM partnership.partnership WHERE id = ?::uuid", id)
                .get(0).get(0);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        String partnerId = createPartner("CN");
        String good = activatable(reference(), partnerId);
        long before = writtenRows();

        badRequest(good.replace("\"user.content.voice\"", "\"user.content.smell\""), "dataPolicy.allowedCategories[0]");
        badRequest(good.replace("\"allowedCountries\": [\"DE\", \"CN\"]", "\"allowedCountries\": [\"DE\", \"XX\"]"),
                "dataPolicy.allowedCountries[1]");
        badRequest(good.replace("\"markets\": [\"DE\"]", "\"markets\": [\"Germany\"]"), "markets[0]");
        badRequest(good.replace("\"toCountry\": \"CN\"", "\"toCountry\": \"EU\""), "transfers[0].toCountry");
        badRequest(good.replace("\"riskClass\": \"LIMITED\"", "\"riskClass\": \"EXTREME\""), "aiSystems[0].riskClass");
        badRequest(good.replace("\"mechanism\": \"EU_SCC\"", "\"mechanism\": \"HANDSHAKE\""), "transfers[0].mechanism");
        badRequest(good.replace("\"retentionDays\": 30", "\"retentionDays\": 30.5"), "dataPolicy.retentionDays");
        badRequest(good.replace("\"forbiddenCategories\": [\"user.biometric\"]",
                "\"forbiddenCategories\": [\"user.content.voice\"]"), "dataPolicy.forbiddenCategories[0]");
        badRequest(good.replace(partnerId, UUID.randomUUID().toString()), "partnerId");
        badRequest(good.replace("\"effectiveTo\": null", "\"effectiveTo\": \"2024-12-31\""), "effectiveTo");
        badRequest(good.replace("\"owner\":", "\"shareholding\": 51, \"owner\":"), "shareholding");
        given().contentType(ContentType.JSON).body(good.substring(0, good.length() / 2))
                .when().post(PARTNERSHIPS)
                .then().statusCode(400).contentType("application/problem+json");
        String huge = good.replace("\"Voice recordings are deleted after 30 days\"",
                "\"" + "x".repeat(300 * 1024) + "\"");
        given().contentType(ContentType.JSON).body(huge)
                .when().post(PARTNERSHIPS)
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));

        assertEquals(before, writtenRows());
    }

    private static void badRequest(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post(PARTNERSHIPS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void answersUnknownPartnershipsWith404() {
        String unknown = PARTNERSHIPS + "/" + UUID.randomUUID();
        given().get(unknown).then().statusCode(404).contentType("application/problem+json");
        given().get(unknown + "/revisions").then().statusCode(404);
        given().get(unknown + "/policy").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"x\"}")
                .post(unknown + "/transitions").then().statusCode(404);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(activatable(reference(), createPartner("CN"))).put(unknown).then().statusCode(404);
    }

    private static void put(String id, String etag, String body) {
        given().contentType(ContentType.JSON).header("If-Match", "\"" + etag + "\"").body(body)
                .put(PARTNERSHIPS + "/" + id).then().statusCode(200);
    }

    private static String partnerOf(String id) {
        return given().get(PARTNERSHIPS + "/" + id).then().extract().path("partnerId");
    }
}
