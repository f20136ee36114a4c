package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sightline.verifier.json.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link Report} as RFC 8785 canonical JSON bytes, and back. It has its own mapper rather than the
 * application's: the bytes are digested and signed, so no change to the application's Jackson settings may alter
 * them. Nulls are written (every member is always present, except the reporting time zone's members a report
 * generated before them lacks: see {@link Report}), instants and dates as ISO-8601 strings.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ReportJson() {
    }

    /** The canonical bytes: what is stored, digested, signed and served as report.json. */
    public static byte[] canonical(Report report) {
        return CanonicalJson.canonicalize(MAPPER.valueToTree(report));
    }

    /** The report as a JSON tree, as it is canonicalised. */
    public static JsonNode tree(Report report) {
        return MAPPER.valueToTree(report);
    }

    /**
     * Every text of the report the report font can print, or {@link UnprintableTextException} naming where the
     * first that it cannot is ({@code partnerships[0].title}).
     */
    public static void requirePrintable(Report report) {
        requirePrintable(tree(report), "");
    }

    private static void requirePrintable(JsonNode node, String path) {
        if (node.isTextual()) {
            ReportFont.requirePrintable(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requirePrintable(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                ReportFont.requirePrintable(e.getKey(), path);
                requirePrintable(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            });
        }
    }

    /** A stored report, read back. */
    public static Report parse(byte[] json) {
        try {
            return MAPPER.readValue(json, Report.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("Not a report: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
