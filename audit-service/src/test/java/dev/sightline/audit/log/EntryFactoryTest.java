package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written canonical writer agrees with RFC 8785 canonicalisation of the same entry. */
class EntryFactoryTest {
    private static final long SEED = 20261129L;

    @Test
    void writesExactlyTheCanonicalFormOfTheEntry() {
        RandomEvents events = new RandomEvents(SEED);
        for (int i = 0; i < 5000; i++) {
            EventRequest event = events.valid();
            Instant received = Instant.ofEpochSecond(1_800_000_000L + i, i * 1000L);
            EntryFactory.PreparedEntry prepared = EntryFactory.prepare(event, received);
            ObjectNode tree = tree(event);
            tree.put("receivedAt", received.toString());
            byte[] expected = CanonicalJson.canonicalize(tree);
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(prepared.entry(),
                    StandardCharsets.UTF_8), "event " + i + " of seed " + SEED);
            assertArrayEquals(Merkle.leafHash(expected), prepared.leafHash());
            assertArrayEquals(CanonicalJson.canonicalize(tree(event)), EntryFactory.canonicalEvent(event));
            assertArrayEquals(EntryFactory.canonicalEvent(event),
                    EntryFactory.canonicalEventOf(new String(prepared.entry(), StandardCharsets.UTF_8)));
        }
    }

    /** The entry as a plain JSON tree, built independently of the writer. */
    private static ObjectNode tree(EventRequest e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("eventId", e.eventId().toString());
        node.put("occurredAt", e.occurredAt().toString());
        node.put("partnershipId", e.partnershipId().toString());
        node.putObject("actor").put("type", e.actor().type().name()).put("id", e.actor().id());
        node.put("action", e.action().name());
        if (e.feature() != null) {
            node.put("feature", e.feature());
        }
        ArrayNode categories = node.putArray("dataCategories");
        e.dataCategories().forEach(categories::add);
        node.put("recordCount", e.recordCount());
        if (e.subjectRef() != null) {
            node.put("subjectRef", e.subjectRef());
        }
        node.putObject("processing").put("mode", e.processing().mode().name()).put("country", e.processing().country());
        node.put("purpose", e.purpose());
        node.put("outcome", e.outcome().name());
        if (e.authority() != null) {
            node.putObject("authority").put("name", e.authority().name()).put("country", e.authority().country())
                    .put("legalInstrument", e.authority().legalInstrument())
                    .put("disposition", e.authority().disposition().name());
        }
        if (e.model() != null) {
            node.putObject("model").put("name", e.model().name()).put("version", e.model().version());
        }
        if (e.accessCountry() != null) {
            node.put("accessCountry", e.accessCountry());
        }
        if (e.subjectRegion() != null) {
            node.put("subjectRegion", e.subjectRegion());
        }
        return node;
    }

    @Test
    void leavesTheEntryOfAnEventWithoutTheRegulatoryFieldsAsItAlwaysWas() {
        EventRequest event = new EventRequest(UUID.fromString("0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11"),
                Instant.parse("2026-11-29T10:15:30Z"), UUID.fromString("6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13"),
                new EventRequest.Actor(ActorType.PARTNER_SYSTEM, "nimbus-llm-gateway"), Action.INFERENCE, "assistant",
                List.of("user.content.voice"), 1L, "ps_bVAyvEv_TnXk5yfrZpwBlV3vs4jgdmefegJ0BeuQ69k",
                new EventRequest.Processing(ProcessingMode.ON_DEVICE, "DE"), "voice-assistance", Outcome.ALLOWED, null);
        String entry = "{\"action\":\"INFERENCE\",\"actor\":{\"id\":\"nimbus-llm-gateway\",\"type\":\"PARTNER_SYSTEM\"},"
                + "\"dataCategories\":[\"user.content.voice\"],\"eventId\":\"0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11\","
                + "\"feature\":\"assistant\",\"occurredAt\":\"2026-11-29T10:15:30Z\",\"outcome\":\"ALLOWED\","
                + "\"partnershipId\":\"6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13\",\"processing\":{\"country\":\"DE\","
                + "\"mode\":\"ON_DEVICE\"},\"purpose\":\"voice-assistance\",\"receivedAt\":\"2026-11-29T10:15:31Z\","
                + "\"recordCount\":1,\"subjectRef\":\"ps_bVAyvEv_TnXk5yfrZpwBlV3vs4jgdmefegJ0BeuQ69k\"}";
        assertEquals(entry, new String(EntryFactory.prepare(event, Instant.parse("2026-11-29T10:15:31Z")).entry(),
                StandardCharsets.UTF_8));
        EventRequest withAll = new EventRequest(event.eventId(), event.occurredAt(), event.partnershipId(),
                event.actor(), event.action(), event.feature(), event.dataCategories(), event.recordCount(),
                event.subjectRef(), event.processing(), event.purpose(), event.outcome(), null,
                new EventRequest.Model("nimbus-llm", "2026-10-01"), "CN", "US-CA");
        assertEquals("{\"accessCountry\":\"CN\"," + entry.substring(1, entry.indexOf(",\"occurredAt\""))
                + ",\"model\":{\"name\":\"nimbus-llm\",\"version\":\"2026-10-01\"}"
                + entry.substring(entry.indexOf(",\"occurredAt\""), entry.length() - 1) + ",\"subjectRegion\":\"US-CA\"}",
                new String(EntryFactory.prepare(withAll, Instant.parse("2026-11-29T10:15:31Z")).entry(),
                        StandardCharsets.UTF_8));
    }
}
