package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.disclosure.service.ReportFigures.Figure;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 CSV (UTF-8, CRLF, fields quoted when they hold a comma, quote or line break): a header, then one row
 * per figure. Metadata rows (section {@code disclosure}) come first so a spreadsheet shows what it is.
 */
public final class CsvRenderer {
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8; header=present";

    private CsvRenderer() {
    }

    public static byte[] render(JsonNode report, String digest) {
        StringBuilder csv = new StringBuilder();
        row(csv, "section", "metric", "dimension", "value");
        row(csv, "disclosure", "id", "", report.path("disclosureId").asText());
        row(csv, "disclosure", "jurisdiction", "", report.path("jurisdiction").asText());
        row(csv, "disclosure", "periodStart", "", report.path("periodStart").asText());
        row(csv, "disclosure", "periodEnd", "", report.path("periodEnd").asText());
        row(csv, "disclosure", "version", "", report.path("version").asText());
        row(csv, "disclosure", "template", "", report.path("template").path("id").asText() + " "
                + report.path("template").path("version").asText());
        row(csv, "disclosure", "ruleSet", "", report.path("ruleSet").asText());
        row(csv, "disclosure", "digest", "sha256", digest);
        for (Figure figure : ReportFigures.of(report)) {
            row(csv, figure.section(), figure.metric(), figure.dimension(), figure.value());
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields[i]));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
