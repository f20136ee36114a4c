package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.service.SnapshotCollector.PartnershipSnapshot;
import dev.sightline.disclosure.service.SnapshotCollector.Snapshot;
import dev.sightline.disclosure.service.Templates.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Renders a snapshot through a jurisdiction template into the report: the one JSON document that is digested,
 * signed and served, and from which the CSV and the PDF are drawn. Every member is always present (null or empty
 * where there is nothing to say), so the JSON Schema can require them all and readers need no guesswork.
 */
@ApplicationScoped
public class ReportBuilder {
    public static final String SCHEMA_ID = "https://sightline.example/schemas/disclosure/v1.json";
    private static final String[] PARTNER_FIELDS = { "id", "legalName", "countryOfIncorporation",
            "headquartersCountry", "parentGroup", "nationalSecurityAccess", "coveredPerson" };

    private final ObjectMapper mapper;

    ReportBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The facts of a report that do not come from the snapshot. */
    public record Header(UUID id, int version, String jurisdiction, Instant periodStart, Instant periodEnd,
            Instant generatedAt, String authoredBy, UUID supersedes) {
    }

    public ObjectNode build(Header header, Template template, Snapshot snapshot) {
        ObjectNode report = mapper.createObjectNode();
        report.put("$schema", SCHEMA_ID);
        report.put("disclosureId", header.id().toString());
        report.put("version", header.version());
        report.put("jurisdiction", header.jurisdiction());
        report.put("periodStart", header.periodStart().toString());
        report.put("periodEnd", header.periodEnd().toString());
        report.put("title", template.title());
        report.putObject("template").put("id", template.id()).put("version", template.version());
        JsonNode figures = snapshot.figures();
        report.put("ruleSet", figures.path("ruleSetVersion").asText());
        ArrayNode frame = report.putArray("legalFrame");
        template.legalFrame().forEach(frame::add);
        report.put("generatedAt", header.generatedAt().toString());
        report.put("authoredBy", header.authoredBy());
        report.put("supersedes", header.supersedes() == null ? null : header.supersedes().toString());
        report.putNull("publication");
        report.put("recordsAsOf", snapshot.asOf().toString());
        ArrayNode partnerships = report.putArray("partnerships");
        for (PartnershipSnapshot p : snapshot.partnerships()) {
            partnerships.add(partnership(p, template, figuresOf(figures, p.partnership().path("id").asText())));
        }
        report.set("authorityRequests", authority(figures.path("authorityRequests")));
        ObjectNode attestation = report.putObject("attestation");
        attestation.putObject("checkpoint").put("size", snapshot.checkpoint().size())
                .put("root", snapshot.checkpoint().root()).put("note", snapshot.checkpoint().note());
        if (snapshot.previous() == null) {
            attestation.putNull("previous");
        } else {
            ObjectNode previous = attestation.putObject("previous");
            previous.put("disclosureId", snapshot.previous().disclosureId().toString())
                    .put("size", snapshot.previous().size()).put("root", snapshot.previous().root());
            ArrayNode proof = previous.putArray("consistencyProof");
            snapshot.previous().consistencyProof().forEach(proof::add);
        }
        return report;
    }

    private ObjectNode partnership(PartnershipSnapshot snapshot, Template template, JsonNode figures) {
        JsonNode p = snapshot.partnership();
        ObjectNode out = mapper.createObjectNode();
        for (String field : new String[] { "id", "reference", "title", "status", "effectiveFrom", "effectiveTo" }) {
            out.set(field, p.path(field).isMissingNode() ? out.nullNode() : p.get(field));
        }
        out.put("revision", p.path("revision").asInt());
        out.set("markets", p.path("markets"));
        ObjectNode partner = out.putObject("partner");
        for (String field : PARTNER_FIELDS) {
            partner.set(field, snapshot.partner().path(field).isMissingNode() ? out.nullNode()
                    : snapshot.partner().get(field));
        }
        ArrayNode systems = out.putArray("aiSystems");
        for (JsonNode system : p.path("aiSystems")) {
            ObjectNode s = systems.addObject();
            for (String field : new String[] { "name", "provider", "version", "riskClass", "generalPurpose" }) {
                s.set(field, system.path(field).isMissingNode() ? out.nullNode() : system.get(field));
            }
            String duty = template.riskClassDuties().get(system.path("riskClass").asText());
            if (system.path("generalPurpose").asBoolean() && template.generalPurposeDuty() != null) {
                duty = duty == null ? template.generalPurposeDuty() : duty + "; " + template.generalPurposeDuty();
            }
            s.put("duties", duty);
        }
        out.set("features", orEmpty(p.path("features")));
        out.set("dataPolicy", p.path("dataPolicy").isMissingNode() ? out.nullNode() : p.get("dataPolicy"));
        out.set("transfers", orEmpty(p.path("transfers")));
        out.set("legalBases", filter(p.path("legalBases"), "jurisdiction", template.legalBasisJurisdictions()));
        out.set("assessments", filter(p.path("assessments"), "type", template.assessmentTypes()));
        out.set("filings", filter(p.path("filings"), "type", template.filingTypes()));
        out.set("publicCommitments", orEmpty(p.path("publicCommitments")));
        ArrayNode changes = out.putArray("statusChanges");
        snapshot.statusChanges().forEach(changes::add);
        ObjectNode access = out.putObject("dataAccess");
        access.set("totals", counts(figures.path("stats").path("totals")));
        ArrayNode breakdowns = access.putArray("breakdowns");
        for (JsonNode breakdown : figures.path("stats").path("breakdowns")) {
            ObjectNode b = breakdowns.addObject();
            b.put("dimension", breakdown.path("dimension").asText());
            ArrayNode groups = b.putArray("groups");
            breakdown.path("groups").forEach(g -> groups.add(counts(g)));
        }
        ObjectNode compliance = out.putObject("compliance");
        ArrayNode violations = compliance.putArray("violations");
        for (JsonNode v : figures.path("violations")) {
            violations.addObject().put("kind", v.path("kind").asText()).put("count", v.path("count").asLong());
        }
        compliance.put("pendingVerdicts", figures.path("pendingVerdicts").asLong());
        ArrayNode thresholds = out.putArray("thresholds");
        for (JsonNode r : figures.path("thresholds").path("results")) {
            if (template.thresholdRegimes().contains(r.path("regime").asText())) {
                ObjectNode t = thresholds.addObject();
                for (String field : new String[] { "regime", "citation", "category", "counterparty", "windowFrom",
                        "windowTo", "count", "threshold", "ratio", "status" }) {
                    t.set(field, r.path(field).isMissingNode() ? out.nullNode() : r.get(field));
                }
            }
        }
        return out;
    }

    private ObjectNode counts(JsonNode figures) {
        ObjectNode out = mapper.createObjectNode();
        out.set("value", figures.path("value").isMissingNode() ? out.nullNode() : figures.get("value"));
        out.put("events", figures.path("events").asLong());
        out.put("records", figures.path("records").asLong());
        out.put("subjects", figures.path("subjects").asLong());
        return out;
    }

    private ObjectNode authority(JsonNode register) {
        ObjectNode out = mapper.createObjectNode();
        out.put("total", register.path("total").asLong());
        for (String list : new String[] { "byCountry", "byLegalInstrument", "byDisposition" }) {
            ArrayNode counts = out.putArray(list);
            for (JsonNode c : register.path(list)) {
                counts.addObject().put("value", c.path("value").asText()).put("count", c.path("count").asLong());
            }
        }
        return out;
    }

    private static JsonNode figuresOf(JsonNode figures, String partnershipId) {
        for (JsonNode p : figures.path("partnerships")) {
            if (partnershipId.equals(p.path("partnershipId").asText())) {
                return p;
            }
        }
        throw new IllegalStateException("the audit-service's figures leave out partnership " + partnershipId);
    }

    private ArrayNode orEmpty(JsonNode node) {
        return node.isArray() ? (ArrayNode) node.deepCopy() : mapper.createArrayNode();
    }

    private ArrayNode filter(JsonNode items, String field, Set<String> keep) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode item : items) {
            if (keep.contains(item.path(field).asText())) {
                out.add(item);
            }
        }
        return out;
    }
}
