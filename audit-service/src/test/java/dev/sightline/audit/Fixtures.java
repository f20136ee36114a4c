package dev.sightline.audit;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/** Events and database access for the audit-service's tests. */
public final class Fixtures {
    public static final UUID PARTNERSHIP = UUID.fromString("6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A valid event as a mutable JSON object. */
    public static ObjectNode event() {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", "2026-11-29T10:15:30Z");
        event.put("partnershipId", PARTNERSHIP.toString());
        event.putObject("actor").put("type", "PARTNER_SYSTEM").put("id", "nimbus-llm-gateway");
        event.put("action", "INFERENCE");
        event.put("feature", "assistant");
        event.putArray("dataCategories").add("user.content.voice");
        event.put("recordCount", 1);
        event.put("subjectRef", subjectRef(UUID.randomUUID().toString()));
        event.putObject("processing").put("mode", "ON_DEVICE").put("country", "DE");
        event.put("purpose", "voice-assistance");
        event.put("outcome", "ALLOWED");
        return event;
    }

    /** The pseudonym a client would send for its subject {@code id}: ps_ and base64url(HMAC-SHA-256(key, id)). */
    public static String subjectRef(String id) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec("sightline-test-pseudonym-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "ps_" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(hmac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pseudonym of the right format drawn from {@code seed}: the same seed gives the same pseudonym, fast. */
    public static String pseudonym(long seed) {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        long z = seed;
        for (int i = 0; i < 4; i++) {
            z += 0x9E3779B97F4A7C15L;
            long x = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            bytes.putLong(x ^ (x >>> 31));
        }
        return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * The first 39 characters of a pseudonym for generated subjects {@code label} and a number: append 7 digits and
     * {@code A} to complete it (cheaper than an HMAC per subject when tests generate hundreds of thousands).
     */
    public static String subjectRefHead(String label) {
        if (label.length() > 35 || !label.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("Not a short base64url label: " + label);
        }
        return "ps_" + label + "_".repeat(35 - label.length());
    }

    public static String batch(List<ObjectNode> events) {
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("events").addAll(events);
        return batch.toString();
    }

    public static List<ObjectNode> events(int count) {
        List<ObjectNode> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event());
        }
        return events;
    }

    /** Appends events through the API (the caller holds an audit-writer identity) and returns their seqs. */
    public static List<Long> append(List<ObjectNode> events) {
        return given().contentType(ContentType.JSON).body(batch(events))
                .when().post("/api/v1/events/batch")
                .then().statusCode(201)
                .extract().jsonPath().getList("entries.seq", Long.class);
    }

    /** A connection as the database superuser, for reaching past the service. */
    public static Connection superuser() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
    }

    /** A connection as the role the service runs as. */
    public static Connection appRole() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class), "audit_app",
                "audit_app");
    }

    public static long count(String sql) throws SQLException {
        try (Connection connection = superuser(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static Map<String, Object> asMap(ObjectNode node) {
        return JSON.convertValue(node, Map.class);
    }

    /** Waits up to 30 s, checking every 100 ms, until the condition holds; fails naming what it waited for. */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
