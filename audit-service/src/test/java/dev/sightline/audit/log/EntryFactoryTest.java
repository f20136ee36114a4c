package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        return node;
    }
}
