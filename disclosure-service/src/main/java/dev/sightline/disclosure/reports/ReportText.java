package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The words of every report, as data under {@code report/}: {@code labels.json} (plain words for every key a report
 * shows, and the headings) and {@code methodology.json} (definitions, counting, de-duplication, event sources,
 * exclusions, limitations, what a report is and how to verify it, and which data-policy clause each violation kind
 * breaches). Read once; the renderers never hold words of their own.
 */
public final class ReportText {
    /** A term and its definition. */
    public record Definition(String term, String en, String zh) {
        Text text() {
            return new Text(en, zh);
        }
    }

    /** Where log events come from. */
    public record EventSource(String key, String en, String zh) {
        Text text() {
            return new Text(en, zh);
        }
    }

    /**
     * The data-policy clause a violation kind breaches, and the words that find the public commitments it
     * contradicts.
     */
    public record ViolationRule(String kind, String clause, List<String> words) {
    }

    /** methodology.json, as written. */
    public record Methodology(Text whatThisIs, List<Text> verification, List<Definition> definitions,
            List<Text> countingRules, Text deduplication, List<EventSource> eventSources, List<Text> exclusions,
            List<Text> limitations, Text provisionalLimitation, Text unclassifiedLimitation, Text pendingLimitation,
            List<ViolationRule> violationRules, Text witnessVerification) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ReportText INSTANCE = load();

    private final Map<String, Text> labels;
    private final Methodology methodology;

    private ReportText(Map<String, Text> labels, Methodology methodology) {
        this.labels = labels;
        this.methodology = methodology;
    }

    /** The words, read once per class loader. */
    public static ReportText get() {
        return INSTANCE;
    }

    private static ReportText load() {
        Map<String, Text> labels = new LinkedHashMap<>();
        read("labels.json", new TypeReference<Map<String, Object>>() { }).forEach((key, value) -> {
            if (!key.startsWith("_")) {
                labels.put(key, MAPPER.convertValue(value, Text.class));
            }
        });
        return new ReportText(labels, read("methodology.json", new TypeReference<Methodology>() { }));
    }

    private static <T> T read(String file, TypeReference<T> type) {
        try (InputStream in = ReportText.class.getResourceAsStream("/report/" + file)) {
            if (in == null) {
                throw new IllegalStateException("report/" + file + " is missing");
            }
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read report/" + file, e);
        }
    }

    /** The label of a key, or null where it has none (country codes, free text). */
    public Text label(String key) {
        return key == null ? null : labels.get(key);
    }

    /** The label of a key that must have one (headings, fields): a missing one is a bug in labels.json. */
    public Text required(String key) {
        return Objects.requireNonNull(labels.get(key), () -> "report/labels.json has no label " + key);
    }

    /** Every label, for checking that the report font can print them. */
    public Map<String, Text> labels() {
        return labels;
    }

    public Methodology methodology() {
        return methodology;
    }

    /** The rule of a violation kind; null for a kind the data does not know. */
    public ViolationRule violationRule(String kind) {
        return methodology.violationRules().stream().filter(r -> r.kind().equals(kind)).findFirst().orElse(null);
    }
}
