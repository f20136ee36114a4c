package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a report as rows (section, metric, dimension, value): the CSV is exactly these rows and the PDF
 * tables print exactly these values, so the three formats cannot drift from the JSON they are drawn from.
 */
public final class ReportFigures {
    /** One figure. {@code value} is a number, except threshold statuses. */
    public record Figure(String section, String metric, String dimension, String value) {
    }

    private ReportFigures() {
    }

    public static List<Figure> of(JsonNode report) {
        List<Figure> figures = new ArrayList<>();
        for (JsonNode p : report.path("partnerships")) {
            String ref = p.path("reference").asText();
            JsonNode access = p.path("dataAccess");
            counts(figures, ref + " / data access", "total", access.path("totals"));
            for (JsonNode breakdown : access.path("breakdowns")) {
                String dimension = breakdown.path("dimension").asText();
                for (JsonNode group : breakdown.path("groups")) {
                    String value = group.path("value").isNull() ? "(none)" : group.path("value").asText();
                    counts(figures, ref + " / data access", dimension + "=" + value, group);
                }
            }
            String compliance = ref + " / compliance";
            long violations = 0;
            for (JsonNode v : p.path("compliance").path("violations")) {
                violations += v.path("count").asLong();
                figures.add(new Figure(compliance, "violations", "kind=" + v.path("kind").asText(),
                        v.path("count").asText()));
            }
            figures.add(new Figure(compliance, "violations", "total", Long.toString(violations)));
            figures.add(new Figure(compliance, "pendingVerdicts", "total",
                    p.path("compliance").path("pendingVerdicts").asText()));
            for (JsonNode t : p.path("thresholds")) {
                String dimension = t.path("regime").asText() + "/" + t.path("category").asText()
                        + (t.path("counterparty").isNull() ? "" : "/counterparty=" + t.path("counterparty").asText())
                        + "/threshold=" + t.path("threshold").asText();
                figures.add(new Figure(ref + " / thresholds", "distinctSubjects", dimension, t.path("count").asText()));
                figures.add(new Figure(ref + " / thresholds", "status", dimension, t.path("status").asText()));
            }
        }
        JsonNode authority = report.path("authorityRequests");
        figures.add(new Figure("authority requests", "requests", "total", authority.path("total").asText()));
        for (String[] list : new String[][] { { "byCountry", "country" }, { "byLegalInstrument", "legalInstrument" },
                { "byDisposition", "disposition" } }) {
            for (JsonNode c : authority.path(list[0])) {
                figures.add(new Figure("authority requests", "requests", list[1] + "=" + c.path("value").asText(),
                        c.path("count").asText()));
            }
        }
        figures.add(new Figure("attestation", "checkpointSize", "total",
                report.path("attestation").path("checkpoint").path("size").asText()));
        return figures;
    }

    private static void counts(List<Figure> figures, String section, String dimension, JsonNode counts) {
        for (String metric : new String[] { "events", "records", "subjects" }) {
            figures.add(new Figure(section, metric, dimension, counts.path(metric).asText()));
        }
    }
}
