package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.disclosure.reports.Report.Attestation;
import dev.sightline.disclosure.reports.Report.TemplateRef;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import dev.sightline.verifier.json.CanonicalJson;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;

/**
 * Warms the renderers up. At start, before the service is ready, it renders a tiny report once, so the first
 * generation or download does not pay for parsing the report font and loading the PDF library's classes. Then, on
 * a background thread, it renders a sample report {@code sightline.disclosure.warm-up-renderings} times (8): the
 * JIT compilers need a few renderings before the PDF path runs compiled, and the service renders seldom (at
 * publication), so without them the first publication after a start would take several times as long as the
 * later ones. Renderings are one at a time, so a publication that arrives meanwhile waits for one of them at most.
 */
@ApplicationScoped
public class RendererWarmUp {
    private final DisclosureConfig config;

    RendererWarmUp(DisclosureConfig config) {
        this.config = config;
    }

    void warmUp(@Observes StartupEvent start) {
        long t0 = System.nanoTime();
        Report report = new Report(Report.SCHEMA_ID, null, 1, "CN", null, null, null, null, null, "warm-up",
                "预热", new TemplateRef("CN", "-"), null, List.of(), null, List.of("zh", "en"), false, null, null,
                null, null, null, null, null, null, null, null, List.of(), new AuthorityRequests(0, null, null, null),
                new Attestation(new Checkpoint(0, null, null), null, null), null);
        CsvRenderer.render(report, "0");
        PdfRenderer.render(report, new PdfRenderer.Meta("DRAFT", "0", null, "DRAFT", null, List.of()));
        Log.debugf("Report renderers warmed up in %d ms", (System.nanoTime() - t0) / 1_000_000);
        int renderings = config.warmUpRenderings();
        if (renderings > 0) {
            Thread thread = new Thread(() -> renderSample(renderings), "renderer-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    /**
     * Renders the sample report (5 partnerships, 20 values a breakdown) as JSON, CSV and PDF, so many times; false if
     * a rendering failed (logged).
     */
    public static boolean renderSample(int renderings) {
        long t0 = System.nanoTime();
        try {
            byte[] json = CanonicalJson.canonicalize(sampleReport(5, 20));
            for (int i = 0; i < renderings; i++) {
                Report report = ReportJson.parse(json);
                CsvRenderer.render(report, "0");
                PdfRenderer.render(report, new PdfRenderer.Meta("DRAFT", "0", null, "DRAFT", null,
                        List.of(new PdfRenderer.Attachment("report.json", "application/json", "Source", "warm-up",
                                json))));
            }
            Log.infof("PDF path warmed up with %d renderings of a sample report in %d ms", renderings,
                    (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            // nothing depends on it: rendering works, only the first one is slower
            Log.warnf(e, "The renderers' warm-up failed after %d ms", (System.nanoTime() - t0) / 1_000_000);
            return false;
        }
    }

    /**
     * A made-up report of {@code partnershipCount} partnerships with {@code values} values in each of seven
     * breakdowns, names and titles in Chinese and English: what the warm-up renders, and the render bench.
     */
    public static ObjectNode sampleReport(int partnershipCount, int values) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("$schema", "x").put("disclosureId", UUID.randomUUID().toString()).put("version", 1)
                .put("jurisdiction", "EU").put("periodStart", "2026-01-01T00:00:00Z")
                .put("periodEnd", "2027-01-01T00:00:00Z").put("reportingTimeZone", "Europe/Brussels")
                .put("periodStartLocal", "2026-01-01T01:00:00+01:00[Europe/Brussels]")
                .put("periodEndLocal", "2027-01-01T01:00:00+01:00[Europe/Brussels]")
                .put("title", "EU transparency disclosure");
        r.putObject("template").put("id", "EU").put("version", "2026.2");
        r.put("ruleSet", "2026.1").putArray("legalFrame").add("AI Act").add("GDPR Art. 30");
        r.put("generatedAt", "2027-01-02T00:00:00Z").put("authoredBy", "alice").putNull("supersedes");
        r.putNull("publication").put("recordsAsOf", "2026-12-31T23:59:59.999999Z");
        ArrayNode partnerships = r.putArray("partnerships");
        for (int p = 0; p < partnershipCount; p++) {
            ObjectNode n = partnerships.addObject();
            n.put("id", UUID.randomUUID().toString()).put("reference", "PRT-2026-" + (1000 + p))
                    .put("title", "合作 Partnership " + p).put("status", "ACTIVE").put("revision", 3);
            n.putArray("markets").add("DE");
            n.putObject("partner").put("id", UUID.randomUUID().toString()).put("legalName", "云智科技 Partner " + p)
                    .put("countryOfIncorporation", "CN");
            n.putArray("aiSystems").addObject().put("name", "LM").put("provider", "P").put("riskClass", "LIMITED");
            ObjectNode access = n.putObject("dataAccess");
            access.putObject("totals").putNull("value").put("events", 500_000).put("records", 600_000)
                    .put("subjects", 120_000);
            ArrayNode breakdowns = access.putArray("breakdowns");
            for (String dim : List.of("category", "mode", "country", "purpose", "outcome", "action", "feature")) {
                ArrayNode groups = breakdowns.addObject().put("dimension", dim).putArray("groups");
                for (int v = 0; v < values; v++) {
                    groups.addObject().put("value", dim + "-" + v).put("events", 1000 + v).put("records", 2000 + v)
                            .put("subjects", 300 + v);
                }
            }
            ArrayNode violations = n.putObject("compliance").put("pendingVerdicts", 0).putArray("violations");
            violations.addObject().put("kind", "MODE_NOT_ALLOWED").put("count", 17);
            n.putArray("thresholds").addObject().put("regime", "CN_CROSS_BORDER_PROVISION").put("category", "SENSITIVE")
                    .putNull("counterparty").put("count", 8000).put("threshold", 10000).put("status", "NEAR");
        }
        ObjectNode authority = r.putObject("authorityRequests").put("total", 3);
        authority.putArray("byCountry").addObject().put("value", "CN").put("count", 3);
        authority.putArray("byLegalInstrument");
        authority.putArray("byDisposition");
        ObjectNode attestation = r.putObject("attestation");
        attestation.putObject("checkpoint").put("size", 10_000_000).put("root", "x").put("note", "n");
        attestation.putNull("previous");
        return r;
    }
}
