package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.Contact;
import dev.sightline.disclosure.reports.Report.PublisherAttestation;
import dev.sightline.disclosure.reports.ReportFigures.Figure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV (UTF-8 with a byte-order mark so spreadsheet programs read it as UTF-8, CRLF, fields quoted when they
 * hold a comma, quote or line break): a header, the disclosure's facts (section {@code disclosure}: period, status,
 * attestation, company ...), then one row per figure with the dimension's key and value in separate columns, its
 * unit, and plain words for it. Every row names the disclosure.
 */
public final class CsvRenderer {
    /** The columns, in order. */
    public static final List<String> HEADER = List.of("disclosureId", "partnership", "section", "metric",
            "dimension", "dimensionValue", "value", "unit", "label");
    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private CsvRenderer() {
    }

    public static byte[] render(Report report, String digest) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER.toArray(String[]::new));
        String id = String.valueOf(report.disclosureId());
        Labels labels = new Labels(report);
        fact(csv, id, "jurisdiction", report.jurisdiction(), labels);
        fact(csv, id, "title", report.titleZh() == null ? report.title() : report.titleZh() + " / " + report.title(),
                labels);
        fact(csv, id, "periodStart", String.valueOf(report.periodStart()), labels);
        fact(csv, id, "periodEnd", String.valueOf(report.periodEnd()), labels);
        if (report.reportingTimeZone() != null) {
            fact(csv, id, "reportingTimeZone", report.reportingTimeZone(), labels);
            fact(csv, id, "periodStartLocal", report.periodStartLocal(), labels);
            fact(csv, id, "periodEndLocal", report.periodEndLocal(), labels);
            row(csv, id, "", "disclosure", "period", "end exclusive", "", ReportingPeriod.readable(report), "",
                    labels.of("field.period"));
        }
        if (report.provisional() != null) {
            fact(csv, id, "provisional", report.provisional().toString(), labels);
        }
        fact(csv, id, "version", Integer.toString(report.version()), labels);
        fact(csv, id, "template", report.template().id() + " " + report.template().version(), labels);
        fact(csv, id, "ruleSet", report.ruleSet(), labels);
        if (report.figuresAsOf() != null) {
            fact(csv, id, "figuresAsOf", report.figuresAsOf().toString(), labels);
        }
        if (report.accountability() != null) {
            fact(csv, id, "company", report.accountability().company().legalName(), labels);
            fact(csv, id, "address", report.accountability().company().address(), labels);
            for (Contact c : report.accountability().contacts()) {
                row(csv, id, "", "disclosure", "contact", "role", c.role(), c.name() + ", " + c.email()
                        + (c.address() == null ? "" : ", " + c.address()), "", labels.of("role." + c.role()));
            }
        }
        if (report.publication() != null) {
            fact(csv, id, "publishedAt", report.publication().publishedAt().toString(), labels);
            fact(csv, id, "publishedBy", report.publication().publishedBy(), labels);
            PublisherAttestation attestation = report.publication().attestation();
            if (attestation != null) {
                row(csv, id, "", "disclosure", "attestation", "field", "name", attestation.name(), "",
                        labels.of("field.attestedBy"));
                row(csv, id, "", "disclosure", "attestation", "field", "title", attestation.title(), "",
                        labels.of("field.attestedTitle"));
                row(csv, id, "", "disclosure", "attestation", "field", "statement", attestation.statement(), "",
                        labels.of("field.statement"));
            }
        }
        row(csv, id, "", "disclosure", "digest", "", "", digest, "sha256", labels.of("field.digest"));
        for (Figure f : ReportFigures.of(report)) {
            String label = labels.of("metric." + f.metric());
            if (!f.dimensionValue().isEmpty()) {
                label += " · " + labels.of("dimension." + f.dimension()) + ": " + labels.of(f.dimensionValue());
            }
            row(csv, id, f.partnership(), f.section(), f.metric(), f.dimension(), f.dimensionValue(), f.value(),
                    f.unit(), label);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(csv.length() + 3);
        out.writeBytes(BOM);
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void fact(StringBuilder csv, String id, String field, String value, Labels labels) {
        String key = "field." + field;
        row(csv, id, "", "disclosure", field, "", "", value, "", labels.has(key) ? labels.of(key) : "");
    }

    /** The report's words for a key, in its languages; the key itself where it has none. */
    private record Labels(Map<String, Text> report, List<String> languages) {
        Labels(Report r) {
            this(r.labels() == null ? Map.of() : r.labels(), r.languagesOrEnglish());
        }

        boolean has(String key) {
            return report.containsKey(key) || ReportText.get().label(key) != null;
        }

        String of(String key) {
            Text label = report.get(key);
            if (label == null) {
                label = ReportText.get().label(key);
            }
            return label == null ? key : label.in(languages).printed();
        }
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
