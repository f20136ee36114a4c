package dev.sightline.partnership.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sightline.partnership.Fixtures.connect;
import static dev.sightline.partnership.Fixtures.count;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.partnership.Fixtures.rows;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sightline.support.outbox.OutboxRelay;
import dev.sightline.support.test.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The shared audit outbox relay in this service, against a stub audit-service that goes down and comes back:
 * every event arrives exactly once, a refused event is set aside without holding up the others, and each event
 * keeps its position in the audit log.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
@WithTestResource(value = AuditServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OutboxRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AuditServiceStub.Server
    WireMockServer auditService;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry metrics;

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void deliversEveryEventExactlyOnceWhileTheAuditServiceGoesDownAndComesBack() {
        awaitTrue("the outbox drains before the outage", () -> pending() == 0);
        double retried = counted("retry");
        auditService.stop();
        try {
            String id = createPartnership(createPartner("CN"));
            for (int i = 0; i < 4; i++) {
                given().get("/api/v1/partnerships/" + id).then().statusCode(200);
            }
            given().get("/api/v1/partnerships/" + id + "/policy").then().statusCode(200);
            // The relay keeps trying and keeps every event.
            awaitTrue("the relay retries during the outage", () -> count("SELECT count(*) FROM partnership.audit_outbox "
                    + "WHERE partnership_id = ?::uuid AND status = 'PENDING' AND attempts >= 2", id) == 6);
            assertTrue(rows("SELECT last_error FROM partnership.audit_outbox WHERE partnership_id = ?::uuid", id)
                    .stream().allMatch(r -> r.get(0) != null));
            assertTrue(counted("retry") - retried >= 12, "retries counted");
        } finally {
            auditService.start();
        }
        awaitTrue("the outbox drains once the audit-service is back", () -> pending() == 0);

        Map<String, Integer> delivered = deliveredEventIds();
        List<String> sent = rows("SELECT event_id::text FROM partnership.audit_outbox WHERE status = 'SENT'").stream()
                .map(r -> r.get(0)).toList();
        assertFalse(sent.isEmpty());
        for (String eventId : sent) {
            assertEquals(1, delivered.getOrDefault(eventId, 0), "deliveries of event " + eventId);
        }
        delivered.forEach((eventId, times) -> assertEquals(1, times, "deliveries of event " + eventId));
        auditService.verify(postRequestedFor(urlEqualTo("/realms/sightline/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials")));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void keepsAnEventTheAuditServiceRejectsAsFailedWithoutHoldingUpTheOthers() throws Exception {
        awaitTrue("the outbox drains first", () -> pending() == 0);
        double failed = counted("failed");
        UUID poison = UUID.randomUUID();
        auditService.stubFor(post(urlEqualTo(AuditServiceStub.BATCH)).atPriority(1)
                .withRequestBody(containing(poison.toString()))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 400, \"detail\": \"events[0].recordCount: must be an integer\"}")));
        UUID partnership = UUID.randomUUID();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO partnership.audit_outbox "
                        + "(event_id, partnership_id, payload) VALUES (?, ?, ?::jsonb)")) {
            insert.setObject(1, poison);
            insert.setObject(2, partnership);
            insert.setString(3, "{\"eventId\": \"" + poison + "\", \"partnershipId\": \"" + partnership
                    + "\", \"recordCount\": 1.5}");
            insert.executeUpdate();
        }
        String id = createPartnership(createPartner("CN"));
        given().get("/api/v1/partnerships/" + id).then().statusCode(200);

        awaitTrue("the poisoned event is set aside and the rest delivered", () -> pending() == 0);
        List<List<String>> poisoned = rows("SELECT status, last_error FROM partnership.audit_outbox WHERE event_id = ?",
                poison);
        assertEquals("FAILED", poisoned.get(0).get(0));
        assertTrue(poisoned.get(0).get(1).contains("HTTP 400"), poisoned.get(0).get(1));
        assertTrue(poisoned.get(0).get(1).contains("recordCount: must be an integer"), poisoned.get(0).get(1));
        assertEquals(1, counted("failed") - failed);
        assertEquals(2, count("SELECT count(*) FROM partnership.audit_outbox WHERE partnership_id = ?::uuid "
                + "AND status = 'SENT'", id));
        Map<String, Integer> delivered = deliveredEventIds();
        assertFalse(delivered.containsKey(poison.toString()));
        delivered.forEach((eventId, times) -> assertEquals(1, times, "deliveries of event " + eventId));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void relaysRunningSideBySideNeverSendAnEventTwice() throws Exception {
        String id = createPartnership(createPartner("CN"));
        for (int i = 0; i < 120; i++) {
            given().get("/api/v1/partnerships/" + id + "/policy").then().statusCode(200);
        }
        // Four more relays (as if four replicas) race the scheduled one for the same rows.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    while (relay.relayBatch() > 0) {
                        Thread.onSpinWait();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        awaitTrue("the outbox drains", () -> pending() == 0);
        assertEquals(121, count("SELECT count(*) FROM partnership.audit_outbox WHERE partnership_id = ?::uuid "
                + "AND status = 'SENT'", id));
        deliveredEventIds().forEach((eventId, times) -> assertEquals(1, times, "deliveries of event " + eventId));
    }

    @Test
    void recordsWhereTheAuditServiceLoggedEachEvent() throws Exception {
        awaitTrue("the outbox drains first", () -> pending() == 0);
        double sent = counted("sent");
        UUID event = UUID.randomUUID();
        UUID partnership = UUID.randomUUID();
        auditService.stubFor(post(urlEqualTo(AuditServiceStub.BATCH)).atPriority(1)
                .withRequestBody(containing(event.toString()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\": [{\"eventId\": \"" + event + "\", \"seq\": 4242, "
                                + "\"leafHash\": \"qW1nfFZ2mnlyBs3jPk0vgeT46xbqKBqCgkXvr8yuB1s=\", \"duplicate\": false}]}")));
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO partnership.audit_outbox "
                        + "(event_id, partnership_id, payload) VALUES (?, ?, ?::jsonb)")) {
            insert.setObject(1, event);
            insert.setObject(2, partnership);
            insert.setString(3, "{\"eventId\": \"" + event + "\", \"partnershipId\": \"" + partnership + "\"}");
            insert.executeUpdate();
        }

        awaitTrue("the event is delivered", () -> pending() == 0);
        assertEquals(List.of(List.of("SENT", "4242")), rows("SELECT status, audit_seq::text FROM "
                + "partnership.audit_outbox WHERE event_id = ?", event));
        assertTrue(counted("sent") - sent >= 1, "deliveries counted");
    }

    /** The relay's count of events with this outcome. */
    private double counted(String outcome) {
        return metrics.counter("sightline.outbox.events", "outcome", outcome).count();
    }

    private static long pending() {
        return count("SELECT count(*) FROM partnership.audit_outbox WHERE status = 'PENDING'");
    }

    /** How often the stub accepted each eventId (only 2xx answers count as arrivals). */
    private Map<String, Integer> deliveredEventIds() {
        Map<String, Integer> delivered = new HashMap<>();
        for (ServeEvent event : auditService.getAllServeEvents()) {
            if (!event.getRequest().getUrl().equals(AuditServiceStub.BATCH) || event.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            try {
                for (JsonNode e : JSON.readTree(event.getRequest().getBodyAsString()).path("events")) {
                    delivered.merge(e.path("eventId").asText(), 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return delivered;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
