package dev.sightline.disclosure.reports;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dev.sightline.disclosure.reports.Report.DisclosedAiSystem;
import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.reports.ReportFigures.Figure;
import dev.sightline.disclosure.snapshot.Partner;
import dev.sightline.disclosure.snapshot.Partnership.DataPolicy;
import dev.sightline.disclosure.snapshot.PreviousDisclosure;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report a regulator reads: a title page (jurisdiction, period in the reporting time zone and in UTC, version,
 * status, digest, signing key id), the legal frame, one section per partnership (what was agreed, then the figures),
 * authority requests, the log attestation and how to verify all of it offline. Figures come from
 * {@link ReportFigures}, like the CSV's.
 */
public final class PdfRenderer {
    private static final Color ACCENT = new Color(0x1f, 0x3a, 0x5f);
    private static final Color SHADE = new Color(0xee, 0xf2, 0xf7);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 20, ACCENT);
    private static final Font H1 = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14, ACCENT);
    private static final Font H2 = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11, ACCENT);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final Font MONO = FontFactory.getFont(FontFactory.COURIER, 7.5f);
    private static final Font HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8.5f, Color.WHITE);

    /** What the stored record adds to the report: its status and, once published, digest and key. */
    public record Meta(String status, String digest, String keyId, String publishedBy, String publishedAt) {
    }

    private PdfRenderer() {
    }

    public static byte[] render(Report report, Meta meta) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4, 48, 48, 56, 56);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(report.title() + " " + report.jurisdiction());
            document.addCreator("Sightline disclosure-service");
            document.open();
            titlePage(document, report, meta);
            document.newPage();
            List<Figure> figures = ReportFigures.of(report);
            for (DisclosedPartnership p : report.partnerships()) {
                partnership(document, p, figures);
            }
            section(document, "Authority data requests");
            document.add(figureTable(figures, "authority requests"));
            attestation(document, report);
            verification(document, report);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    private static void titlePage(Document d, Report report, Meta meta) throws DocumentException {
        d.add(spaced(new Paragraph("Sightline transparency disclosure", H2), 80));
        d.add(spaced(new Paragraph(report.title(), TITLE), 6));
        if ("DRAFT".equals(meta.status())) {
            d.add(spaced(new Paragraph("DRAFT - not published, not signed", FontFactory.getFont(
                    FontFactory.HELVETICA_BOLD, 12, new Color(0xb0, 0x30, 0x30))), 10));
        }
        PdfPTable facts = keyValues();
        row(facts, "Jurisdiction", report.jurisdiction());
        String period = ReportingPeriod.readable(report);
        if (period == null) {
            row(facts, "Period", report.periodStart() + "  to  " + report.periodEnd() + " (end exclusive)");
        } else {
            row(facts, "Period", period + ", end exclusive");
            row(facts, "Period (UTC)", report.periodStart() + "  to  " + report.periodEnd());
            row(facts, "Reporting time zone", report.reportingTimeZone());
        }
        row(facts, "Disclosure", String.valueOf(report.disclosureId()));
        row(facts, "Version", report.version()
                + (report.supersedes() == null ? "" : " (supersedes " + report.supersedes() + ")"));
        row(facts, "Status", meta.status());
        row(facts, "Template", report.template().id() + " " + report.template().version());
        row(facts, "Rule set", report.ruleSet());
        row(facts, "Generated", report.generatedAt() + " by " + report.authoredBy());
        if (meta.publishedAt() != null) {
            row(facts, "Published", meta.publishedAt() + " by " + meta.publishedBy());
        }
        row(facts, "Partnerships", Integer.toString(report.partnerships().size()));
        row(facts, "Log checkpoint", report.attestation().checkpoint().size() + " entries");
        facts.setSpacingBefore(24);
        d.add(facts);
        PdfPTable seal = keyValues();
        monoRow(seal, "Digest (SHA-256 of the canonical JSON)", meta.digest());
        monoRow(seal, "Signature key id (JWS kid)", meta.keyId() == null ? "(signed when published)" : meta.keyId());
        seal.setSpacingBefore(18);
        d.add(seal);
        d.add(spaced(new Paragraph("Legal frame", H2), 18));
        for (String line : report.legalFrame()) {
            d.add(new Paragraph("- " + line, BODY));
        }
    }

    private static void partnership(Document d, DisclosedPartnership p, List<Figure> figures)
            throws DocumentException {
        String ref = p.reference();
        section(d, ref + ": " + p.title());
        Partner partner = p.partner();
        PdfPTable facts = keyValues();
        row(facts, "Status at period end", p.status() + " (revision " + p.revision() + ")");
        row(facts, "Effective", text(p.effectiveFrom()) + " to " + text(p.effectiveTo()));
        row(facts, "Markets", join(p.markets()));
        row(facts, "Partner", partner.legalName() + " (incorporated in " + partner.countryOfIncorporation()
                + ", headquarters " + text(partner.headquartersCountry()) + ")");
        row(facts, "Partner flags", "national-security data access law: " + yesNo(partner.nationalSecurityAccess())
                + "; US covered person: " + yesNo(partner.coveredPerson()));
        DataPolicy policy = Objects.requireNonNullElse(p.dataPolicy(), DataPolicy.NONE);
        row(facts, "Allowed data", join(policy.allowedCategories()) + "; forbidden: "
                + join(policy.forbiddenCategories()) + "; sensitive allowed: " + yesNo(policy.sensitiveAllowed()));
        row(facts, "Processing", "modes " + join(policy.allowedModes()) + " in " + join(policy.allowedCountries()));
        row(facts, "Purposes", join(policy.allowedPurposes()) + "; retention " + text(policy.retentionDays())
                + " days");
        d.add(facts);
        List<String[]> systems = new ArrayList<>();
        for (DisclosedAiSystem s : p.aiSystems()) {
            systems.add(new String[] { s.name() + " " + text(s.version()), s.provider(),
                    s.riskClass() + (yes(s.generalPurpose()) ? ", general-purpose" : ""), text(s.duties()) });
        }
        table(d, "AI systems", new String[] { "System", "Provider", "Risk class", "Duties" }, systems, 2, 2, 1.3f, 4);
        List<String[]> features = new ArrayList<>();
        p.features().forEach(f -> features.add(new String[] { f.key(), f.name(), f.purpose() }));
        table(d, "Features in scope", new String[] { "Key", "Feature", "Purpose" }, features, 1.5f, 2, 4);
        List<String[]> transfers = new ArrayList<>();
        p.transfers().forEach(t -> transfers.add(new String[] { t.toCountry(), t.mechanism(), text(t.reference()) }));
        table(d, "Cross-border transfers", new String[] { "To", "Mechanism", "Reference" }, transfers, 1, 2, 4);
        List<String[]> paperwork = new ArrayList<>();
        p.legalBases().forEach(b -> paperwork.add(new String[] { "Legal basis " + b.jurisdiction(), b.basis(),
                text(b.notes()) }));
        p.assessments().forEach(a -> paperwork.add(new String[] { a.type(), a.status() + " " + text(a.date()),
                "reviewer " + text(a.reviewer()) + ", approver " + text(a.approver()) + ", ref "
                        + text(a.reference()) }));
        p.filings().forEach(f -> paperwork.add(new String[] { f.type(), text(f.number()), text(f.date()) }));
        table(d, "Legal bases, assessments and filings", new String[] { "Item", "Status / basis", "Details" },
                paperwork, 2, 2, 4);
        List<String[]> changes = new ArrayList<>();
        p.statusChanges().forEach(c -> changes.add(new String[] { String.valueOf(c.at()), c.from() + " -> " + c.to(),
                c.actor(), text(c.reason()) }));
        table(d, "Status changes in the period", new String[] { "When", "Change", "By", "Reason" }, changes,
                2.2f, 2, 1, 3);
        if (!p.publicCommitments().isEmpty()) {
            d.add(spaced(new Paragraph("Public commitments", H2), 8));
            for (String commitment : p.publicCommitments()) {
                d.add(new Paragraph("\"" + commitment + "\"", BODY));
            }
        }
        d.add(spaced(new Paragraph("User-data access from the log (entries naming a data category)", H2), 10));
        d.add(figureTable(figures, ref + " / user-data access"));
        if (p.governance() != null) {
            d.add(spaced(new Paragraph("Governance activity, counted apart (record keeping and regulators' downloads: "
                    + "entries naming no data category)", H2), 10));
            d.add(figureTable(figures, ref + " / governance activity"));
        }
        d.add(spaced(new Paragraph("Policy compliance", H2), 10));
        d.add(figureTable(figures, ref + " / compliance"));
        if (!p.thresholds().isEmpty()) {
            d.add(spaced(new Paragraph("Regulatory volume thresholds", H2), 10));
            d.add(figureTable(figures, ref + " / thresholds"));
        }
    }

    private static void attestation(Document d, Report report) throws DocumentException {
        section(d, "Log attestation");
        Report.Attestation a = report.attestation();
        d.add(new Paragraph("Every figure above covers exactly the first " + a.checkpoint().size() + " entries of "
                + "the append-only access log (RFC 9162 Merkle tree), whose signed checkpoint follows.", BODY));
        PdfPTable t = keyValues();
        monoRow(t, "Tree size", Long.toString(a.checkpoint().size()));
        monoRow(t, "Root hash", a.checkpoint().root());
        monoRow(t, "Signed note", a.checkpoint().note());
        if (a.previous() == null) {
            row(t, "Previous disclosure", "none: the first published disclosure of this jurisdiction");
        } else {
            PreviousDisclosure prev = a.previous();
            monoRow(t, "Previous disclosure", String.valueOf(prev.disclosureId()));
            monoRow(t, "Its checkpoint", prev.size() + " " + prev.root());
            monoRow(t, "Consistency proof", join(prev.consistencyProof()).replace(", ", "\n"));
        }
        t.setSpacingBefore(6);
        d.add(t);
    }

    private static void verification(Document d, Report report) throws DocumentException {
        section(d, "How to verify this disclosure");
        String[] steps = {
            "Download report.json and report.json.jws from GET /api/v1/disclosures/" + report.disclosureId()
                    + "/report.json and /report.json.jws, the disclosure keys from GET /api/v1/keys and the log keys "
                    + "from the audit-service's GET /api/v1/keys.",
            "Digest: SHA-256 of the RFC 8785 canonical form of report.json equals the digest on the title page.",
            "Signature: report.json.jws is a compact JWS with detached payload (RFC 7515 appendix F), alg EdDSA, "
                    + "over the canonical bytes; its kid names the key in the disclosure keys.",
            "Checkpoint: the signed note opens with the log's note key and states the tree size and root above.",
            "Append-only: the consistency proof shows the previous disclosure's tree is a prefix of this one (RFC 9162 2.1.4.2).",
            "All of it in one command: java -jar sightline-verifier.jar --report report.json --signature "
                    + "report.json.jws --keys <disclosure keys> --log-keys <log keys>" };
        for (int i = 0; i < steps.length; i++) {
            d.add(spaced(new Paragraph((i + 1) + ". " + steps[i], BODY), 3));
        }
    }

    private static PdfPTable figureTable(List<Figure> figures, String section) throws DocumentException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> metrics = new ArrayList<>();
        for (Figure f : figures) {
            if (f.section().equals(section)) {
                rows.computeIfAbsent(f.dimension(), k -> new LinkedHashMap<>()).put(f.metric(), f.value());
                if (!metrics.contains(f.metric())) {
                    metrics.add(f.metric());
                }
            }
        }
        PdfPTable table = new PdfPTable(metrics.size() + 1);
        float[] widths = new float[metrics.size() + 1];
        widths[0] = 4;
        for (int i = 1; i < widths.length; i++) {
            widths[i] = 1.3f;
        }
        table.setWidths(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        head(table, "dimension");
        metrics.forEach(m -> head(table, m));
        boolean shade = false;
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            table.addCell(cell(row.getKey(), BODY, shade, Element.ALIGN_LEFT));
            for (String metric : metrics) {
                table.addCell(cell(row.getValue().getOrDefault(metric, ""), BODY, shade, Element.ALIGN_RIGHT));
            }
            shade = !shade;
        }
        table.setSpacingBefore(4);
        return table;
    }

    private static void table(Document d, String title, String[] headers, List<String[]> rows, float... widths)
            throws DocumentException {
        d.add(spaced(new Paragraph(title, H2), 8));
        if (rows.isEmpty()) {
            d.add(new Paragraph("None.", BODY));
            return;
        }
        PdfPTable table = new PdfPTable(headers.length);
        table.setWidths(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : headers) {
            head(table, h);
        }
        boolean shade = false;
        for (String[] row : rows) {
            for (String value : row) {
                table.addCell(cell(value, BODY, shade, Element.ALIGN_LEFT));
            }
            shade = !shade;
        }
        table.setSpacingBefore(4);
        d.add(table);
    }

    private static void section(Document d, String title) throws DocumentException {
        Paragraph p = spaced(new Paragraph(title, H1), 16);
        p.setSpacingAfter(4);
        d.add(p);
    }

    private static PdfPTable keyValues() throws DocumentException {
        PdfPTable table = new PdfPTable(2);
        table.setWidths(new float[] { 1.3f, 4 });
        table.setWidthPercentage(100);
        return table;
    }

    private static void row(PdfPTable table, String key, String value) {
        table.addCell(cell(key, BOLD, true, Element.ALIGN_LEFT));
        table.addCell(cell(value, BODY, false, Element.ALIGN_LEFT));
    }

    private static void monoRow(PdfPTable table, String key, String value) {
        table.addCell(cell(key, BOLD, true, Element.ALIGN_LEFT));
        table.addCell(cell(value, MONO, false, Element.ALIGN_LEFT));
    }

    private static void head(PdfPTable table, String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, HEAD));
        cell.setBackgroundColor(ACCENT);
        cell.setPadding(4);
        table.addCell(cell);
    }

    private static PdfPCell cell(String text, Font font, boolean shade, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(new Chunk(text == null ? "" : text, font)));
        cell.setPadding(3.5f);
        cell.setHorizontalAlignment(align);
        cell.setBorderColor(new Color(0xcc, 0xd3, 0xdd));
        if (shade) {
            cell.setBackgroundColor(SHADE);
        }
        return cell;
    }

    private static Paragraph spaced(Paragraph p, float before) {
        p.setSpacingBefore(before);
        return p;
    }

    private static String join(List<?> values) {
        if (values == null || values.isEmpty()) {
            return "none";
        }
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(String.valueOf(v)));
        return String.join(", ", texts);
    }

    /** A value that may be absent: "-" then. */
    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static boolean yes(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static String yesNo(Boolean value) {
        return yes(value) ? "yes" : "no";
    }
}
