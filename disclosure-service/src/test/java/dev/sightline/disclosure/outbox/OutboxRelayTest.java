package dev.sightline.disclosure.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.sightline.disclosure.rest.SourcesStub;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The shared audit outbox relay in this service, against the stub audit-service: a refused event is set aside
 * with the reason without holding up the others, each delivered event keeps its position in the audit log, and
 * an unavailable audit-service is retried with backoff until it takes the event.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OutboxRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServiceStub.Server
    WireMockServer auditService;

    @Inject
    MeterRegistry metrics;

    @Test
    void setsAsideAnEventTheAuditServiceRejectsAndDeliversTheRest() throws Exception {
        double failed = counted("failed");
        UUID poison = UUID.randomUUID();
        auditService.stubFor(post(urlEqualTo(SourcesStub.BATCH)).atPriority(1)
                .withRequestBody(containing(poison.toString()))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 400, \"detail\": \"events[1].recordCount: must be an integer\"}")));
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        enqueue(before, poison, after);

        awaitTrue("the poisoned event is set aside and the rest delivered",
                () -> status(before).equals("SENT") && status(after).equals("SENT") && status(poison).equals("FAILED"));
        String reason = row("SELECT last_error FROM disclosure.audit_outbox WHERE event_id = ?", poison);
        assertTrue(reason.contains("HTTP 400") && reason.contains("recordCount: must be an integer"), reason);
        assertEquals(0, deliveries(poison));
        assertEquals(1, deliveries(before));
        assertEquals(1, deliveries(after));
        assertEquals(1, counted("failed") - failed);
    }

    @Test
    void recordsWhereTheAuditServiceLoggedEachEvent() throws Exception {
        double sent = counted("sent");
        UUID event = UUID.randomUUID();
        auditService.stubFor(post(urlEqualTo(SourcesStub.BATCH)).atPriority(1)
                .withRequestBody(containing(event.toString()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\": [{\"eventId\": \"" + event + "\", \"seq\": 4242, "
                                + "\"leafHash\": \"qW1nfFZ2mnlyBs3jPk0vgeT46xbqKBqCgkXvr8yuB1s=\", \"duplicate\": false}]}")));
        enqueue(event);

        awaitTrue("the event is delivered", () -> status(event).equals("SENT"));
        assertEquals("4242", row("SELECT audit_seq::text FROM disclosure.audit_outbox WHERE event_id = ?", event));
        assertTrue(counted("sent") - sent >= 1, "deliveries counted");
    }

    @Test
    void retriesWithBackoffWhileTheAuditServiceIsUnavailable() throws Exception {
        double retried = counted("retry");
        UUID event = UUID.randomUUID();
        StubMapping unavailable = auditService.stubFor(post(urlEqualTo(SourcesStub.BATCH)).atPriority(1)
                .withRequestBody(containing(event.toString())).willReturn(aResponse().withStatus(503)));
        enqueue(event);

        awaitTrue("the relay retries", () -> attempts(event) >= 3);
        assertEquals("PENDING", status(event));
        assertTrue(row("SELECT last_error FROM disclosure.audit_outbox WHERE event_id = ?", event).startsWith("HTTP 503"));
        assertEquals("true", row("SELECT (next_attempt_at > created_at)::text FROM disclosure.audit_outbox "
                + "WHERE event_id = ?", event));
        assertTrue(counted("retry") - retried >= 3, "retries counted");

        auditService.removeStub(unavailable);
        awaitTrue("the event is delivered once the audit-service is back", () -> status(event).equals("SENT"));
        assertEquals(1, deliveries(event));
    }

    /** Queues events as the service does, one transaction for all. */
    private static void enqueue(UUID... events) throws SQLException {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO disclosure.audit_outbox (event_id, partnership_id, payload) VALUES (?, ?, ?::jsonb)")) {
            connection.setAutoCommit(false);
            for (UUID event : events) {
                UUID partnership = UUID.randomUUID();
                insert.setObject(1, event);
                insert.setObject(2, partnership);
                insert.setString(3, "{\"eventId\": \"" + event + "\", \"partnershipId\": \"" + partnership + "\"}");
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    /** The relay's count of events with this outcome. */
    private double counted(String outcome) {
        return metrics.counter("sightline.outbox.events", "outcome", outcome).count();
    }

    private static String status(UUID event) {
        return row("SELECT status FROM disclosure.audit_outbox WHERE event_id = ?", event);
    }

    private static int attempts(UUID event) {
        return Integer.parseInt(row("SELECT attempts::text FROM disclosure.audit_outbox WHERE event_id = ?", event));
    }

    /** How often the stub took the event (only 2xx answers count as arrivals). */
    private int deliveries(UUID event) throws IOException {
        int times = 0;
        for (ServeEvent served : auditService.getAllServeEvents()) {
            if (!served.getRequest().getUrl().equals(SourcesStub.BATCH) || served.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            for (JsonNode posted : JSON.readTree(served.getRequest().getBodyAsString()).path("events")) {
                if (posted.path("eventId").asText().equals(event.toString())) {
                    times++;
                }
            }
        }
        return times;
    }

    private static String row(String sql, UUID event) {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, event);
            try (ResultSet result = query.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (result.next()) {
                    values.add(result.getString(1));
                }
                assertEquals(1, values.size(), "rows of event " + event);
                return values.get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
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
