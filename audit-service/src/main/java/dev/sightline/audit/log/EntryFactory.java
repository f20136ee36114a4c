package dev.sightline.audit.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated event into the stored entry: its RFC 8785 canonical JSON, which is the Merkle
 * leaf. The entry's keys and their order are fixed, so the canonical form is written directly
 * (keys in UTF-16 order, strings escaped by {@link CanonicalJson#appendString}); building a tree
 * and sorting it per event costs more than the rest of the append path. A property test checks
 * the output against {@link CanonicalJson#canonicalize} of the same entry.
 */
public final class EntryFactory {
    static final String RECEIVED_AT = "receivedAt";

    private EntryFactory() {
    }

    /** The entry for an event received at {@code receivedAt}. */
    public static PreparedEntry prepare(EventRequest event, Instant receivedAt) {
        return prepareAll(List.of(event), receivedAt).get(0);
    }

    /** The entries of events received together at {@code receivedAt}. */
    public static List<PreparedEntry> prepareAll(List<EventRequest> events, Instant receivedAt) {
        Instant received = receivedAt.truncatedTo(ChronoUnit.MICROS);
        String receivedText = Instants.format(received);
        List<PreparedEntry> prepared = new ArrayList<>(events.size());
        for (EventRequest event : events) {
            byte[] canonical = write(event, receivedText).getBytes(StandardCharsets.UTF_8);
            PreparedEntry entry = new PreparedEntry(event, received, canonical, Merkle.leafHash(canonical), null);
            prepared.add(entry.withCopyRow(LogCopyFormat.rowAfterSeq(entry)));
        }
        return prepared;
    }

    /** The canonical JSON of the event alone, the part a retry must repeat exactly. */
    public static byte[] canonicalEvent(EventRequest event) {
        return write(event, null).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical JSON of a stored entry without its receivedAt, to compare with a retried event. */
    public static byte[] canonicalEventOf(String storedEntry) {
        ObjectNode node = (ObjectNode) CanonicalJson.parse(storedEntry);
        node.remove(RECEIVED_AT);
        return CanonicalJson.canonicalize(node);
    }

    /** Keys in RFC 8785 order: UTF-16 code units, which for these ASCII names is plain string order. */
    static String write(EventRequest e, String receivedAt) {
        StringBuilder out = new StringBuilder(512);
        // optional fields an event does not carry are left out, so entries without them stay as they always were
        out.append('{');
        if (e.accessCountry() != null) {
            out.append("\"accessCountry\":");
            CanonicalJson.appendString(out, e.accessCountry());
            out.append(',');
        }
        out.append("\"action\":\"").append(e.action().name())
                .append("\",\"actor\":{\"id\":");
        CanonicalJson.appendString(out, e.actor().id());
        out.append(",\"type\":\"").append(e.actor().type().name()).append("\"}");
        if (e.authority() != null) {
            out.append(",\"authority\":{\"country\":");
            CanonicalJson.appendString(out, e.authority().country());
            out.append(",\"disposition\":\"").append(e.authority().disposition().name())
                    .append("\",\"legalInstrument\":");
            CanonicalJson.appendString(out, e.authority().legalInstrument());
            out.append(",\"name\":");
            CanonicalJson.appendString(out, e.authority().name());
            out.append('}');
        }
        out.append(",\"dataCategories\":[");
        for (int i = 0; i < e.dataCategories().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            CanonicalJson.appendString(out, e.dataCategories().get(i));
        }
        out.append("],\"eventId\":\"").append(e.eventId()).append('"');
        if (e.feature() != null) {
            out.append(",\"feature\":");
            CanonicalJson.appendString(out, e.feature());
        }
        if (e.model() != null) {
            out.append(",\"model\":{\"name\":");
            CanonicalJson.appendString(out, e.model().name());
            out.append(",\"version\":");
            CanonicalJson.appendString(out, e.model().version());
            out.append('}');
        }
        out.append(",\"occurredAt\":\"");
        Instants.append(out, e.occurredAt());
        out.append("\",\"outcome\":\"").append(e.outcome().name())
                .append("\",\"partnershipId\":\"").append(e.partnershipId())
                .append("\",\"processing\":{\"country\":");
        CanonicalJson.appendString(out, e.processing().country());
        out.append(",\"mode\":\"").append(e.processing().mode().name()).append("\"},\"purpose\":");
        CanonicalJson.appendString(out, e.purpose());
        if (receivedAt != null) {
            out.append(",\"receivedAt\":\"").append(receivedAt).append('"');
        }
        // recordCount is at most 2^53 - 1 (validated), where JCS writes integers as they are
        out.append(",\"recordCount\":").append(e.recordCount().longValue());
        if (e.subjectRef() != null) {
            out.append(",\"subjectRef\":");
            CanonicalJson.appendString(out, e.subjectRef());
        }
        // "subjectRef" < "subjectRegion": 'f' < 'g'
        if (e.subjectRegion() != null) {
            out.append(",\"subjectRegion\":");
            CanonicalJson.appendString(out, e.subjectRegion());
        }
        return out.append('}').toString();
    }

    /**
     * An event ready to append.
     *
     * @param event the validated event
     * @param receivedAt when the server received it (microseconds, as PostgreSQL keeps it)
     * @param entry its stored entry, RFC 8785 canonical JSON in UTF-8
     * @param leafHash SHA-256(0x00 || entry)
     * @param copyRow its {@code log_entry} row in COPY text format, UTF-8, without the leading seq
     */
    public record PreparedEntry(EventRequest event, Instant receivedAt, byte[] entry, byte[] leafHash,
            byte[] copyRow) {
        PreparedEntry withCopyRow(byte[] row) {
            return new PreparedEntry(event, receivedAt, entry, leafHash, row);
        }
    }
}
