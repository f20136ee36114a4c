package dev.sightline.audit.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.rest.dto.EventRequest;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Turns a validated event into the stored entry: its canonical JSON, which is the Merkle leaf. */
public final class EntryFactory {
    static final String RECEIVED_AT = "receivedAt";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EntryFactory() {
    }

    /** The entry for an event received now. */
    public static PreparedEntry prepare(EventRequest event, Instant receivedAt) {
        Instant received = receivedAt.truncatedTo(ChronoUnit.MICROS);
        ObjectNode entry = eventNode(event);
        entry.put(RECEIVED_AT, received.toString());
        byte[] canonical = CanonicalJson.canonicalize(entry);
        return new PreparedEntry(event, received, canonical, Merkle.leafHash(canonical));
    }

    /** The canonical JSON of the event alone, the part a retry must repeat exactly. */
    public static byte[] canonicalEvent(EventRequest event) {
        return CanonicalJson.canonicalize(eventNode(event));
    }

    /** The canonical JSON of a stored entry without its receivedAt, to compare with a retried event. */
    public static byte[] canonicalEventOf(String storedEntry) {
        ObjectNode node = (ObjectNode) CanonicalJson.parse(storedEntry);
        node.remove(RECEIVED_AT);
        return CanonicalJson.canonicalize(node);
    }

    private static ObjectNode eventNode(EventRequest e) {
        ObjectNode node = NODES.objectNode();
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
        node.putObject("processing").put("mode", e.processing().mode().name())
                .put("country", e.processing().country());
        node.put("purpose", e.purpose());
        node.put("outcome", e.outcome().name());
        if (e.authority() != null) {
            node.putObject("authority").put("name", e.authority().name())
                    .put("country", e.authority().country())
                    .put("legalInstrument", e.authority().legalInstrument())
                    .put("disposition", e.authority().disposition().name());
        }
        return node;
    }

    /**
     * An event ready to append.
     *
     * @param event the validated event
     * @param receivedAt when the server received it (microseconds, as PostgreSQL keeps it)
     * @param entry its stored entry, RFC 8785 canonical JSON in UTF-8
     * @param leafHash SHA-256(0x00 || entry)
     */
    public record PreparedEntry(EventRequest event, Instant receivedAt, byte[] entry, byte[] leafHash) {
    }
}
