package dev.sightline.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A report as a readable page: every figure of the one report.json the page was made from, in sections, tables and
 * facts, named with the plain words the report carries in its {@code labels} (a key without a label shows as itself).
 * A report that speaks Chinese too (CN) shows both languages, Chinese first, as its PDF does.
 */
public final class ReportView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS = List.of("events", "records", "subjects");

    private final JsonNode report;
    private final boolean chinese;

    private ReportView(JsonNode report) {
        this.report = report;
        this.chinese = StreamSupport.stream(report.path("languages").spliterator(), false)
                .anyMatch(language -> "zh".equals(language.asText()));
    }

    /** Reads a report from its JSON bytes. */
    public static ReportView of(byte[] json) {
        try {
            return new ReportView(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("The disclosure-service sent a report that is not JSON", e);
        }
    }

    /**
     * A labelled value; for an instant, {@code datetime} is its exact ISO-8601 form (the value words it) and
     * {@code by} who acted then, where someone did.
     */
    public record Fact(String label, String value, String datetime, String by) {
        Fact(String label, String value) {
            this(label, value, null, null);
        }
    }

    public record Table(String caption, List<String> headers, List<List<String>> rows) {
    }

    public record Section(String id, String heading, List<Fact> facts, List<Table> tables, List<String> paragraphs,
            List<Section> subsections) {
    }

    public String title() {
        String title = report.path("title").asText();
        return report.hasNonNull("titleZh") ? report.path("titleZh").asText() + " / " + title : title;
    }

    public String jurisdiction() {
        return report.path("jurisdiction").asText();
    }

    /** The disclosure this one's checkpoint extends (null for a jurisdiction's first). */
    public String previousDisclosureId() {
        JsonNode previous = report.path("attestation").path("previous");
        return previous.hasNonNull("disclosureId") ? previous.path("disclosureId").asText() : null;
    }

    /** The signed checkpoint note the figures cover, with any cosignature lines. */
    public String checkpointNote() {
        return report.path("attestation").path("checkpoint").path("note").asText();
    }

    public String logKeyThumbprint() {
        return text(report.path("attestation").path("logKey").path("thumbprint"));
    }

    public List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        sections.add(overview());
        if (report.has("accountability")) {
            sections.add(accountability());
        }
        if (report.has("scope")) {
            sections.add(scope());
        }
        int n = 0;
        for (JsonNode partnership : report.path("partnerships")) {
            sections.add(partnership(partnership, ++n));
        }
        sections.add(authorityRequests());
        if (report.has("methodology") || report.has("limitations")) {
            sections.add(methodology());
        }
        sections.add(logAttestation());
        return sections;
    }

    private Section overview() {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(label("field.disclosureId"), report.path("disclosureId").asText()));
        facts.add(new Fact(label("field.jurisdiction"), jurisdiction()));
        facts.add(new Fact(label("field.period"), period()));
        facts.add(new Fact(label("field.periodUtc"), report.path("periodStart").asText() + " – "
                + report.path("periodEnd").asText()));
        facts.add(new Fact(label("field.version"), report.path("version").asText()));
        facts.add(new Fact(label("field.template"), report.path("template").path("id").asText() + " "
                + report.path("template").path("version").asText()));
        facts.add(new Fact(label("field.ruleSet"), report.path("ruleSet").asText()));
        if (report.path("provisional").asBoolean(false)) {
            facts.add(new Fact(label("field.provisional"), label("field.yes")));
        }
        facts.add(moment(label("field.generated"), report.path("generatedAt"), report.path("authoredBy").asText()));
        facts.add(moment(label("field.recordsAsOf"), report.path("recordsAsOf"), null));
        if (report.has("figuresAsOf")) {
            facts.add(moment(label("field.figuresAsOf"), report.path("figuresAsOf"), null));
        }
        JsonNode publication = report.path("publication");
        if (publication.isObject()) {
            facts.add(moment(label("field.published"), publication.path("publishedAt"),
                    publication.path("publishedBy").asText()));
            JsonNode attestation = publication.path("attestation");
            if (attestation.isObject()) {
                facts.add(new Fact(label("field.attestedBy"), attestation.path("name").asText()));
                facts.add(new Fact(label("field.attestedTitle"), attestation.path("title").asText()));
                facts.add(new Fact(label("field.statement"), attestation.path("statement").asText()));
            }
        } else {
            facts.add(new Fact(label("field.status"), label("field.draft")));
        }
        List<String> legal = new ArrayList<>(strings(report.path("legalFrameZh")));
        legal.addAll(strings(report.path("legalFrame")));
        return new Section("overview", label("section.disclosure"), facts, List.of(), legal, List.of());
    }

    /**
     * The period as people read it, in the jurisdiction's reporting time zone (UTC for a report that does not name
     * one), end exclusive: {@code 1 January 2026 – 1 July 2026 (Europe/Brussels)}, as the PDF says it.
     */
    public String period() {
        return Times.period(Instant.parse(report.path("periodStart").asText()),
                Instant.parse(report.path("periodEnd").asText()), report.path("reportingTimeZone").textValue());
    }

    /** An instant of the report in words, with who did it where there is someone, and the exact instant beside. */
    private static Fact moment(String label, JsonNode instant, String who) {
        Instant at = Instant.parse(instant.asText());
        return new Fact(label, Times.utc(at), at.toString(), who);
    }

    private Section accountability() {
        JsonNode accountability = report.path("accountability");
        List<Fact> facts = List.of(
                new Fact(label("field.company"), accountability.path("company").path("legalName").asText()),
                new Fact(label("field.address"), text(accountability.path("company").path("address"))));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode contact : accountability.path("contacts")) {
            rows.add(List.of(label("role." + contact.path("role").asText()), text(contact.path("name")),
                    text(contact.path("email")), text(contact.path("address"))));
        }
        Table contacts = new Table(label("field.contact"), List.of(label("field.contact"), "Name", "E-mail",
                label("field.address")), rows);
        return new Section("accountability", label("section.accountability"), facts, List.of(contacts), List.of(),
                List.of());
    }

    private Section scope() {
        JsonNode scope = report.path("scope");
        List<Fact> facts = List.of(
                new Fact(label("field.partnerships"), String.join(", ", strings(scope.path("partnerships")))),
                new Fact(label("field.features"), String.join(", ", strings(scope.path("features")))),
                new Fact(label("field.markets"), String.join(", ", strings(scope.path("markets")))),
                new Fact(label("field.eventSources"), String.join(", ", strings(scope.path("eventSources")))));
        List<String> exclusions = new ArrayList<>();
        for (JsonNode exclusion : scope.path("exclusions")) {
            exclusions.add(label("field.excluded") + ": " + words(exclusion));
        }
        return new Section("scope", label("section.scope"), facts, List.of(), exclusions, List.of());
    }

    private Section partnership(JsonNode p, int n) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(label("field.partner"), p.path("partner").path("legalName").asText()));
        facts.add(new Fact(label("field.status"), label("status." + p.path("status").asText())));
        facts.add(new Fact(label("field.effective"), p.path("effectiveFrom").asText() + " – "
                + text(p.path("effectiveTo"))));
        facts.add(new Fact(label("field.markets"), String.join(", ", strings(p.path("markets")))));
        facts.add(new Fact(label("field.version"), p.path("revision").asText()));
        JsonNode policy = p.path("dataPolicy");
        facts.add(new Fact(label("field.allowedData"), labels(policy.path("allowedCategories"))));
        facts.add(new Fact(label("field.processing"), labels(policy.path("allowedModes")) + "; "
                + String.join(", ", strings(policy.path("allowedCountries")))));
        facts.add(new Fact(label("field.purposes"), labels(policy.path("allowedPurposes"))));

        List<Table> tables = new ArrayList<>();
        List<List<String>> transfers = new ArrayList<>();
        for (JsonNode transfer : p.path("transfers")) {
            transfers.add(List.of(transfer.path("fromRegion").asText() + " → " + transfer.path("toCountry").asText(),
                    label(transfer.path("mechanism").asText()), text(transfer.path("reference"))));
        }
        if (!transfers.isEmpty()) {
            tables.add(new Table(label("section.transfers"), List.of(label("field.column.to", "To"),
                    label("field.column.mechanism", "Mechanism"), label("field.column.reference", "Reference")),
                    transfers));
        }
        tables.addAll(access(label("section.dataAccess"), p.path("dataAccess")));
        if (p.has("governance")) {
            tables.addAll(access(label("section.governance"), p.path("governance")));
        }
        List<List<String>> violations = new ArrayList<>();
        for (JsonNode v : p.path("compliance").path("violations")) {
            JsonNode remediation = v.path("remediation");
            violations.add(List.of(label(v.path("kind").asText()), v.path("count").asText(), text(v.path("firstAt")),
                    text(v.path("lastAt")), v.path("clause").isObject() ? v.path("clause").path("path").asText()
                            + ": " + v.path("clause").path("terms").asText() : "",
                    remediation.isObject() ? label("status." + remediation.path("status").asText()) + ": "
                            + remediation.path("text").asText() : label("field.noRemediation")));
        }
        tables.add(new Table(label("section.violations"), List.of(label("field.kind"), label("field.count"),
                label("field.first"), label("field.last"), label("field.clause"), label("field.remediation")),
                violations));
        List<List<String>> thresholds = new ArrayList<>();
        for (JsonNode t : p.path("thresholds")) {
            thresholds.add(List.of(label(t.path("regime").asText()), t.path("category").asText(),
                    t.path("comparator").asText() + " " + t.path("threshold").asText(), t.path("count").asText(),
                    t.path("partnershipCount").asText(), label("status." + t.path("status").asText()),
                    label(t.path("consequence").asText()), text(t.path("source"))));
        }
        if (!thresholds.isEmpty()) {
            tables.add(new Table(label("section.thresholds"), List.of(label("dimension.threshold"),
                    label("dimension.category"), label("field.value"), label("metric.distinctSubjects"),
                    label("metric.distinctSubjectsOfThisPartnership"), label("metric.status"),
                    label("metric.consequence"), label("field.ruleSources")), thresholds));
        }
        List<Fact> counts = List.of(
                new Fact(label("metric.pendingVerdicts"), p.path("compliance").path("pendingVerdicts").asText()),
                new Fact(label("metric.unclassified"), p.path("unclassified").asText("0")));
        facts.addAll(counts);
        return new Section("partnership-" + n, label("section.partnership") + " " + p.path("reference").asText()
                + ": " + p.path("title").asText(), facts, tables, strings(p.path("publicCommitments")), List.of());
    }

    /** Totals, then one table per breakdown, each row a value with its events, records and subjects. */
    private List<Table> access(String heading, JsonNode access) {
        List<Table> tables = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of(label("field.dimension")));
        METRICS.forEach(metric -> headers.add(label("metric." + metric)));
        JsonNode totals = access.path("totals");
        tables.add(new Table(heading + ": " + label("dimension.total"), headers,
                List.of(row(label("dimension.total"), totals))));
        for (JsonNode breakdown : access.path("breakdowns")) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode group : breakdown.path("groups")) {
                rows.add(row(label(group.path("value").asText()), group));
            }
            String dimension = label("dimension." + breakdown.path("dimension").asText());
            List<String> named = new ArrayList<>(headers);
            named.set(0, dimension);
            tables.add(new Table(heading + ": " + dimension, named, rows));
        }
        return tables;
    }

    private static List<String> row(String name, JsonNode figures) {
        List<String> row = new ArrayList<>(List.of(name));
        METRICS.forEach(metric -> row.add(figures.path(metric).asText()));
        return row;
    }

    private Section authorityRequests() {
        JsonNode requests = report.path("authorityRequests");
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, String> by : List.of(Map.entry("byCountry", "dimension.country"),
                Map.entry("byDisposition", "dimension.disposition"),
                Map.entry("byLegalInstrument", "dimension.legalInstrument"))) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode group : requests.path(by.getKey())) {
                rows.add(List.of(label(group.path("value").asText()), group.path("count").asText()));
            }
            tables.add(new Table(label(by.getValue()), List.of(label(by.getValue()), label("metric.requests")),
                    rows));
        }
        return new Section("authority-requests", label("section.authorityRequests"),
                List.of(new Fact(label("metric.requests"), requests.path("total").asText())), tables, List.of(),
                List.of());
    }

    private Section methodology() {
        JsonNode methodology = report.path("methodology");
        List<Fact> facts = new ArrayList<>();
        for (JsonNode definition : methodology.path("definitions")) {
            facts.add(new Fact(definition.path("term").asText(), words(definition.path("text"))));
        }
        if (methodology.has("reportingTimeZone")) {
            facts.add(new Fact(label("field.reportingTimeZone"), methodology.path("reportingTimeZone").asText()));
        }
        List<List<String>> rules = new ArrayList<>();
        for (JsonNode rule : methodology.path("rules")) {
            rules.add(List.of(rule.path("rule").asText(), rule.path("instrument").asText(),
                    rule.path("article").asText()));
        }
        List<String> paragraphs = new ArrayList<>();
        for (JsonNode rule : methodology.path("countingRules")) {
            paragraphs.add(words(rule));
        }
        if (methodology.has("deduplication")) {
            paragraphs.add(label("field.deduplication") + ": " + words(methodology.path("deduplication")));
        }
        for (JsonNode limitation : report.path("limitations")) {
            paragraphs.add(label("field.limitations") + ": " + words(limitation));
        }
        return new Section("methodology", label("section.methodology"), facts, List.of(new Table(
                label("field.ruleSources"), List.of(label("field.column.rule", "Rule"), label("field.column.instrument",
                "Instrument"), label("field.column.article", "Article")), rules)), paragraphs, List.of());
    }

    private Section logAttestation() {
        JsonNode attestation = report.path("attestation");
        JsonNode checkpoint = attestation.path("checkpoint");
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(label("field.treeSize"), checkpoint.path("size").asText()));
        facts.add(new Fact(label("field.rootHash"), checkpoint.path("root").asText()));
        if (attestation.has("logKey")) {
            facts.add(new Fact(label("field.logKey"), logKeyThumbprint()));
        }
        JsonNode previous = attestation.path("previous");
        if (previous.isObject()) {
            facts.add(new Fact(label("field.previous"), previous.path("disclosureId").asText() + " ("
                    + label("field.treeSize") + " " + previous.path("size").asText() + ")"));
            facts.add(new Fact(label("field.consistencyProof"), previous.path("consistencyProof").size()
                    + " hashes"));
        } else {
            facts.add(new Fact(label("field.previous"), label("field.previousNone")));
        }
        return new Section("log-attestation", label("section.logAttestation"), facts, List.of(), List.of(),
                List.of());
    }

    /** A label's words: English, or Chinese and English for a report that speaks both. */
    String label(String key) {
        return label(key, key);
    }

    /** The same, with English words for a report published before it carried this label. */
    private String label(String key, String english) {
        JsonNode label = report.path("labels").path(key);
        return label.isObject() ? words(label) : english;
    }

    private String labels(JsonNode keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(key -> out.add(label(key.asText())));
        return String.join(", ", out);
    }

    private String words(JsonNode text) {
        if (text.isTextual()) {
            return text.asText();
        }
        String en = text.path("en").asText("");
        String zh = text.path("zh").asText("");
        return chinese && !zh.isEmpty() ? zh + " / " + en : en;
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
