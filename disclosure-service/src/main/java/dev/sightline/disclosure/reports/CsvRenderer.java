package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.ReportFigures.Figure;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 CSV (UTF-8, CRLF, fields quoted when they hold a comma, quote or line break): a header, then one row
 * per figure. Metadata rows (section {@code disclosure}) come first so a spreadsheet shows what it is, the period
 * both as instants and in the jurisdiction's reporting time zone.
 */
public final class CsvRenderer {
    private CsvRenderer() {
    }

    public static byte[] render(Report report, String digest) {
        StringBuilder csv = new StringBuilder();
        row(csv, "section", "metric", "dimension", "value");
        row(csv, "disclosure", "id", "", String.valueOf(report.disclosureId()));
        row(csv, "disclosure", "jurisdiction", "", report.jurisdiction());
        row(csv, "disclosure", "periodStart", "", String.valueOf(report.periodStart()));
        row(csv, "disclosure", "periodEnd", "", String.valueOf(report.periodEnd()));
        if (report.reportingTimeZone() != null) {
            row(csv, "disclosure", "reportingTimeZone", "", report.reportingTimeZone());
            row(csv, "disclosure", "periodStartLocal", "", report.periodStartLocal());
            row(csv, "disclosure", "periodEndLocal", "", report.periodEndLocal());
            row(csv, "disclosure", "period", "end exclusive", ReportingPeriod.readable(report));
        }
        row(csv, "disclosure", "version", "", Integer.toString(report.version()));
        row(csv, "disclosure", "template", "", report.template().id() + " " + report.template().version());
        row(csv, "disclosure", "ruleSet", "", report.ruleSet());
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
