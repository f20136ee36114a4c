package dev.sightline.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.outbox.AuditEvent.Outcome;
import dev.sightline.support.outbox.AuditEvent.ProcessingMode;
import dev.sightline.support.security.Caller;
import dev.sightline.support.security.RegulatorScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The events exactly as the audit-service's {@code POST /api/v1/events} takes them. */
class AuditEventTest {
    private static final UUID EVENT = UUID.fromString("0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11");
    private static final UUID PARTNERSHIP = UUID.fromString("6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13");
    private static final Caller ALICE = new Caller("alice", false, new RegulatorScope(false, Set.of()));
    private static final Caller REGINA = new Caller("regina", false, new RegulatorScope(true, Set.of("DE")));
    private static final Caller SERVICE = new Caller("service-account-disclosure-service", true,
            new RegulatorScope(false, Set.of()));

    @Test
    void writesARecordReadWithEveryPropertyInTheOrderTheServicesAlwaysSentThem() {
        AuditEvent event = AuditEvent.builder().eventId(EVENT).occurredAt(Instant.parse("2026-11-29T10:15:30.123456Z"))
                .partnershipId(PARTNERSHIP).actor(ALICE).action(Action.READ).feature("partnership-records")
                .processing(ProcessingMode.COMPANY_CLOUD, "DE").purpose("governance").build();

        assertEquals("{\"eventId\":\"0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11\",\"occurredAt\":\"2026-11-29T10:15:30.123456Z\","
                + "\"partnershipId\":\"6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13\",\"actor\":{\"type\":\"USER\",\"id\":\"alice\"},"
                + "\"action\":\"READ\",\"feature\":\"partnership-records\",\"dataCategories\":[],\"recordCount\":1,"
                + "\"processing\":{\"mode\":\"COMPANY_CLOUD\",\"country\":\"DE\"},\"purpose\":\"governance\","
                + "\"outcome\":\"ALLOWED\"}", event.toJson());
    }

    @Test
    void writesARegulatorsExportAndAServiceAccountAsTheAuditLogNamesThem() {
        AuditEvent.Builder export = AuditEvent.builder().occurredAt(Instant.parse("2026-11-29T10:15:30Z"))
                .actor(REGINA).action(Action.EXPORT).feature("transparency-disclosures")
                .processing(ProcessingMode.COMPANY_CLOUD, "FR").purpose("regulatory-disclosure");

        assertEquals("{\"eventId\":\"0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11\",\"occurredAt\":\"2026-11-29T10:15:30Z\","
                + "\"partnershipId\":\"6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13\",\"actor\":{\"type\":\"USER\",\"id\":\"regina\"},"
                + "\"action\":\"EXPORT\",\"feature\":\"transparency-disclosures\",\"dataCategories\":[],\"recordCount\":1,"
                + "\"processing\":{\"mode\":\"COMPANY_CLOUD\",\"country\":\"FR\"},\"purpose\":\"regulatory-disclosure\","
                + "\"outcome\":\"ALLOWED\"}", export.eventId(EVENT).partnershipId(PARTNERSHIP).build().toJson());
        assertTrue(export.actor(SERVICE).build().toJson()
                .contains("\"actor\":{\"type\":\"SERVICE\",\"id\":\"service-account-disclosure-service\"}"));
    }

    @Test
    void writesWhatACallerSetsBeyondTheDefaults() {
        AuditEvent event = AuditEvent.builder().eventId(EVENT).occurredAt(Instant.parse("2026-11-29T10:15:30.100Z"))
                .partnershipId(PARTNERSHIP).actor(ALICE).action(Action.WRITE).feature("f")
                .dataCategories(List.of("user.content.voice", "user.identifiers")).recordCount(9_007_199_254_740_991L)
                .processing(ProcessingMode.PARTNER_CLOUD, "US").purpose("p").outcome(Outcome.DENIED).build();

        assertEquals("{\"eventId\":\"0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11\",\"occurredAt\":\"2026-11-29T10:15:30.100Z\","
                + "\"partnershipId\":\"6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13\",\"actor\":{\"type\":\"USER\",\"id\":\"alice\"},"
                + "\"action\":\"WRITE\",\"feature\":\"f\",\"dataCategories\":[\"user.content.voice\",\"user.identifiers\"],"
                + "\"recordCount\":9007199254740991,\"processing\":{\"mode\":\"PARTNER_CLOUD\",\"country\":\"US\"},"
                + "\"purpose\":\"p\",\"outcome\":\"DENIED\"}", event.toJson());
    }

    @Test
    void givesEachBuiltEventAFreshIdAndTheCurrentTimeToTheMicrosecond() {
        AuditEvent.Builder builder = AuditEvent.builder().actor(ALICE).action(Action.READ).feature("f")
                .processing(ProcessingMode.COMPANY_CLOUD, "DE").purpose("p");
        Instant before = Instant.now();
        AuditEvent first = builder.partnershipId(PARTNERSHIP).build();
        AuditEvent second = builder.partnershipId(UUID.randomUUID()).build();

        assertNotEquals(first.eventId(), second.eventId());
        assertEquals(PARTNERSHIP, first.partnershipId());
        assertEquals(0, first.occurredAt().getNano() % 1000, first.occurredAt().toString());
        assertTrue(!first.occurredAt().isBefore(before.minus(Duration.ofNanos(1000)))
                && !first.occurredAt().isAfter(Instant.now()), first.occurredAt().toString());
        assertEquals(Instant.parse("2026-11-29T10:15:30.123456Z"),
                builder.occurredAt(Instant.parse("2026-11-29T10:15:30.123456789Z")).build().occurredAt());
    }

    @Test
    void refusesAnEventWithoutWhatTheAuditServiceRequires() {
        AuditEvent.Builder incomplete = AuditEvent.builder().actor(ALICE).action(Action.READ).feature("f")
                .processing(ProcessingMode.COMPANY_CLOUD, "DE").purpose("p");
        NullPointerException missing = assertThrows(NullPointerException.class, incomplete::build);
        assertEquals("partnershipId", missing.getMessage());
        assertThrows(NullPointerException.class, () -> incomplete.partnershipId(PARTNERSHIP).purpose(null).build());
    }
}
