package dev.sightline.disclosure.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFCreationListener;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import dev.sightline.disclosure.reports.Report.Contact;
import dev.sightline.disclosure.reports.Report.DisclosedAiSystem;
import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.reports.Report.PublisherAttestation;
import dev.sightline.disclosure.reports.Report.Violation;
import dev.sightline.disclosure.reports.ReportFigures.Figure;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Partner;
import dev.sightline.disclosure.snapshot.Partnership.DataPolicy;
import dev.sightline.disclosure.snapshot.PreviousDisclosure;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.SignedNote;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report a regulator reads, as PDF/A-3a (tagged, PDF/UA) through openhtmltopdf: a title page (company,
 * jurisdiction, period, status and standing, what the report is, how to verify it with the key fingerprints, the
 * publisher's attestation), then who is accountable, scope, methodology, as-of and limitations, one section per
 * partnership (what was agreed, violations explained, the figures), authority requests and the log attestation.
 * Every page has a running header with the disclosure id and digest (and PROVISIONAL or DRAFT) and its page number.
 * The signed report.json and report.json.jws travel inside as PDF/A-3 associated files, so the PDF alone verifies.
 * Figures come from {@link ReportFigures}, like the CSV's; words from {@link ReportText}; the one font is
 * {@link ReportFont}, and text it cannot print fails the rendering ({@link UnprintableTextException}).
 */
public final class PdfRenderer {
    /** What the stored record adds to the report, and the files that travel inside the PDF. */
    public record Meta(String status, String digest, String keyId, String standing, String standingNote,
            List<Attachment> attachments) {
        public Meta {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /**
     * A file embedded as a PDF/A-3 associated file.
     *
     * @param relationship the PDF/A-3 AFRelationship: Source (what the PDF is rendered from) or Supplement
     */
    public record Attachment(String name, String mediaType, String relationship, String description, byte[] bytes) {
    }

    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final String CSS = """
            @page { size: A4; margin: 24mm 15mm 17mm 15mm;
              @top-left { content: element(header); }
              @bottom-right { content: "%s " counter(page) " / " counter(pages);
                font-family: 'Noto Sans SC'; font-size: 7.5pt; color: #445; } }
            body { font-family: 'Noto Sans SC'; font-size: 8.5pt; color: #111; line-height: 1.35; }
            #header { position: running(header); font-size: 7pt; color: #445; border-bottom: 0.5pt solid #99a;
              padding-bottom: 2pt; width: 180mm; }
            .flag { color: #a01818; font-weight: bold; }
            h1 { font-size: 19pt; color: #1f3a5f; margin: 0 0 6pt 0; }
            h2 { font-size: 13pt; color: #1f3a5f; margin: 14pt 0 4pt 0; page-break-after: avoid;
              -fs-page-break-min-height: 4cm; }
            h3 { font-size: 10pt; color: #1f3a5f; margin: 9pt 0 3pt 0; page-break-after: avoid;
              -fs-page-break-min-height: 3.5cm; }
            .title-page h2 { font-size: 10pt; margin: 9pt 0 3pt 0; -fs-page-break-min-height: 3.5cm; }
            p { margin: 2pt 0 4pt 0; }
            .kicker { font-size: 10pt; color: #1f3a5f; margin-top: 18pt; }
            .banner { font-size: 11pt; color: #a01818; font-weight: bold; border: 1pt solid #a01818; padding: 4pt;
              margin: 6pt 0; }
            table { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 0; margin: 3pt 0 6pt 0;
              -fs-page-break-min-height: 2.5cm; }
            thead, tbody, tr, th, td { -fs-page-break-min-height: 0; }
            tr, table.kv, .keep { page-break-inside: avoid; }
            th { background-color: #1f3a5f; color: #ffffff; font-weight: bold; text-align: left; padding: 2.5pt; }
            td { border-bottom: 0.5pt solid #ccd3dd; padding: 1pt 2.5pt; vertical-align: top; }
            thead { display: table-header-group; }
            table.fig td { border-bottom: none; }
            tr.z { background-color: #f0f3f7; }
            td.k { background-color: #eef2f7; font-weight: bold; width: 30%; }
            td.n, th.n { text-align: right; }
            .key { color: #667; font-size: 6.5pt; word-wrap: break-word; }
            .mono { font-size: 7pt; word-wrap: break-word; }
            .quote { border-left: 2pt solid #1f3a5f; padding-left: 6pt; margin: 4pt 0; }
            .title-page { page-break-after: always; }
            """.replace("%", "%%").replace("%%s", "%s");

    /** Rows of a figure table that is kept on one page with its heading. */
    private static final int SHORT_TABLE = 15;

    static {
        RendererLog.install();
        // PDFBox deflates content and object streams at its default level (6) unless told otherwise; level 1 makes
        // a 20-partnership report a tenth larger and its rendering some 50 ms (7%) faster. An operator's own
        // setting of the property is kept.
        if (System.getProperty(Filter.SYSPROP_DEFLATELEVEL) == null) {
            System.setProperty(Filter.SYSPROP_DEFLATELEVEL, "1");
        }
    }

    private PdfRenderer() {
    }

    /**
     * The PDF of a report. One rendering at a time: the parsed font is shared and PDFBox reads it while it subsets.
     */
    public static byte[] render(Report report, Meta meta) {
        String html = html(report, meta);
        synchronized (ReportFont.class) {
            return pdf(report, meta, html);
        }
    }

    private static byte[] pdf(Report report, Meta meta, String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
        ReportFont font = ReportFont.get();
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            builder.usePageSupplier(new TaggedPages());
            builder.useNamespaceHandler(new ReportUserAgent());
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, font.regular(), true)), ReportFont.FAMILY,
                    400, FontStyle.NORMAL, true);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, font.bold(), true)), ReportFont.FAMILY,
                    700, FontStyle.NORMAL, true);
            builder.usePdfAConformance(PdfAConformance.PDFA_3_A);
            builder.usePdfUaAccessibility(true);
            builder.useColorProfile(SRGB);
            builder.withProducer("Sightline disclosure-service");
            // nothing outside the document is ever loaded
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.setListener(new Attacher(meta.attachments(), published(report)));
                renderer.createPDF();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    private static Instant published(Report report) {
        return report.publication() != null ? report.publication().publishedAt() : report.generatedAt();
    }

    /** Adds the attachments as embedded files and PDF/A-3 associated files of the document, before it is written. */
    private record Attacher(List<Attachment> attachments, Instant at) implements PDFCreationListener {
        @Override
        public void preOpen(PdfBoxRenderer renderer) {
        }

        @Override
        public void preWrite(PdfBoxRenderer renderer, int pageCount) {
            if (attachments.isEmpty()) {
                return;
            }
            PDDocument document = renderer.getPdfDocument();
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(at == null ? 0 : at.toEpochMilli());
            Map<String, PDComplexFileSpecification> files = new TreeMap<>();
            COSArray associated = new COSArray();
            try {
                for (Attachment a : attachments) {
                    PDEmbeddedFile embedded = new PDEmbeddedFile(document, new ByteArrayInputStream(a.bytes()));
                    embedded.setSubtype(a.mediaType());
                    embedded.setSize(a.bytes().length);
                    embedded.setCreationDate(when);
                    embedded.setModDate(when);
                    PDComplexFileSpecification spec = new PDComplexFileSpecification();
                    spec.setFile(a.name());
                    spec.setFileUnicode(a.name());
                    spec.setEmbeddedFile(embedded);
                    spec.setEmbeddedFileUnicode(embedded);
                    spec.setFileDescription(a.description());
                    spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), a.relationship());
                    files.put(a.name(), spec);
                    associated.add(spec);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(files);
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            PDDocumentNameDictionary names = catalog.getNames() == null ? new PDDocumentNameDictionary(catalog)
                    : catalog.getNames();
            names.setEmbeddedFiles(tree);
            catalog.setNames(names);
            catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
        }

        @Override
        public void onClose(PdfBoxRenderer renderer) {
        }
    }

    /**
     * Who besides the log signed the checkpoint's note: the witnesses' cosignature lines (c2sp.org/tlog-cosignature),
     * as {@code <key name> (key id <hex>)}. Named as the note states them; the verifier checks them against the keys
     * a regulator obtained from the witnesses themselves. The note was opened with the log's key when the figures
     * were taken, so a malformed one is not expected here; it names no witness.
     */
    static List<String> cosigners(String note) {
        if (note == null) {
            return List.of();
        }
        try {
            String origin = note.substring(0, Math.max(0, note.indexOf('\n')));
            return SignedNote.signatures(note).stream().filter(s -> !s.name().equals(origin))
                    .map(s -> s.name() + " (key id " + s.keyIdHex() + ")").toList();
        } catch (NoteException e) {
            return List.of();
        }
    }

    /** The XHTML the PDF is laid out from; every text in it passes {@link ReportFont#requirePrintable}. */
    static String html(Report report, Meta meta) {
        Html h = new Html(report.languagesOrEnglish(), report.labels());
        String lang = report.languagesOrEnglish().get(0).equals("zh") ? "zh-CN" : "en";
        h.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .raw(lang).raw("\" xml:lang=\"").raw(lang).raw("\"><head><title>")
                .text(title(report) + " (" + report.jurisdiction() + ")").raw("</title>")
                .raw("<meta name=\"subject\" content=\"").attr("Disclosure " + report.disclosureId()).raw("\"/>")
                .raw("<meta name=\"author\" content=\"").attr(company(report)).raw("\"/>")
                .raw("<style>").raw(CSS.formatted(h.word("field.page"))).raw("</style></head><body>");
        header(h, report, meta);
        titlePage(h, report, meta);
        accountability(h, report);
        scope(h, report);
        methodology(h, report);
        limits(h, report);
        Map<String, Map<String, List<Figure>>> figures = new HashMap<>();
        for (Figure f : ReportFigures.of(report)) {
            figures.computeIfAbsent(f.partnership(), k -> new HashMap<>())
                    .computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f);
        }
        for (DisclosedPartnership p : report.partnerships()) {
            partnership(h, p, figures.getOrDefault(p.reference(), Map.of()));
        }
        h.h2("section.authorityRequests");
        figureTable(h, null, figures.getOrDefault("", Map.of()).getOrDefault(ReportFigures.AUTHORITY, List.of()));
        logAttestation(h, report);
        h.raw("</body></html>");
        return h.toString();
    }

    private static String title(Report report) {
        return report.titleZh() == null ? report.title() : report.titleZh() + " / " + report.title();
    }

    private static String company(Report report) {
        return report.accountability() == null ? "" : report.accountability().company().legalName();
    }

    private static void header(Html h, Report report, Meta meta) {
        h.raw("<div id=\"header\">");
        if (!company(report).isEmpty()) {
            h.text(company(report)).raw(" · ");
        }
        h.text(report.jurisdiction() + " · ").label("field.disclosureId").text(" " + report.disclosureId())
                .raw("<br/>SHA-256 ").text(meta.digest());
        if (report.provisionalReport()) {
            h.raw(" · <span class=\"flag\">").label("field.provisional").raw("</span>");
        }
        if ("DRAFT".equals(meta.status())) {
            h.raw(" · <span class=\"flag\">").label("field.draft").raw("</span>");
        }
        h.raw("</div>");
    }

    private static void titlePage(Html h, Report report, Meta meta) {
        h.raw("<div class=\"title-page\"><p class=\"kicker\">").text(company(report).isEmpty() ? "Sightline"
                : company(report)).raw("</p><h1>").text(title(report)).raw("</h1>");
        if (report.provisionalReport()) {
            h.raw("<p class=\"banner\">").label("field.provisional").raw("</p>");
        }
        if ("DRAFT".equals(meta.status())) {
            h.raw("<p class=\"banner\">").label("field.draft").raw("</p>");
        }
        h.table();
        h.row("field.jurisdiction", report.jurisdiction());
        String period = ReportingPeriod.readable(report);
        if (period == null) {
            h.row("field.period", report.periodStart() + " \u2013 " + report.periodEnd() + " ("
                    + h.word("field.endExclusive") + ")");
        } else {
            Text endExclusive = ReportText.get().required("field.endExclusive");
            String english = period + ", " + endExclusive.en();
            h.row("field.period", report.languagesOrEnglish().contains("zh")
                    ? ReportingPeriod.readableChinese(report) + "\uff0c" + endExclusive.zh() + " / " + english
                    : english);
            h.row("field.periodUtc", report.periodStart() + " \u2013 " + report.periodEnd());
            h.row("field.reportingTimeZone", report.reportingTimeZone());
        }
        h.rowLabelled("field.status", "status." + meta.status(), meta.status()
                + (report.provisionalReport() ? ", PROVISIONAL" : ""));
        h.rowLabelled("field.standing", "standing." + meta.standing(), meta.standingNote());
        h.row("field.disclosureId", String.valueOf(report.disclosureId()));
        h.row("field.version", report.version()
                + (report.supersedes() == null ? "" : " (supersedes " + report.supersedes() + ")"));
        h.row("field.template", report.template().id() + " " + report.template().version());
        h.row("field.ruleSet", report.ruleSet());
        h.row("field.generated", report.generatedAt() + " by " + report.authoredBy());
        if (report.publication() != null) {
            h.row("field.published", report.publication().publishedAt() + " by "
                    + report.publication().publishedBy());
        }
        if (report.figuresAsOf() != null) {
            h.row("field.figuresAsOf", String.valueOf(report.figuresAsOf()));
        }
        h.row("field.checkpoint", report.attestation().checkpoint().size() + " " + h.word("field.entries"));
        h.end();
        h.h2("section.whatThisIs");
        h.para(ReportText.get().methodology().whatThisIs().in(report.languagesOrEnglish()));
        h.h2("section.howToVerify");
        h.table();
        h.monoRow("field.digest", meta.digest());
        h.monoRow("field.disclosureKey", meta.keyId() == null ? "(signed when published)" : meta.keyId());
        if (report.attestation().logKey() != null) {
            h.monoRow("field.logKey", report.attestation().logKey().thumbprint() + " (note key "
                    + report.attestation().logKey().noteKeyId() + ")");
        }
        List<String> witnesses = cosigners(report.attestation().checkpoint().note());
        if (!witnesses.isEmpty()) {
            h.monoRow("field.witnesses", String.join("\n", witnesses));
        }
        h.end();
        int step = 1;
        List<Text> steps = new ArrayList<>(ReportText.get().methodology().verification());
        if (!witnesses.isEmpty()) {
            // before the last step, the one command
            steps.add(steps.size() - 1, ReportText.get().methodology().witnessVerification());
        }
        for (Text line : steps) {
            h.raw("<p>").text(step++ + ". ").words(line.in(report.languagesOrEnglish())).raw("</p>");
        }
        h.h2("section.attestation");
        PublisherAttestation attestation = report.publication() == null ? null : report.publication().attestation();
        if (attestation == null) {
            h.raw("<p>").label("field.notAttested").raw("</p>");
        } else {
            h.raw("<p class=\"quote\">").text(attestation.statement()).raw("</p>");
            h.table();
            h.row("field.attestedBy", attestation.name());
            h.row("field.attestedTitle", attestation.title());
            h.row("field.published", report.publication().publishedAt() + " by "
                    + report.publication().publishedBy());
            h.end();
        }
        h.h2("section.legalFrame");
        List<String> frame = report.legalFrameZh() == null ? report.legalFrame() : report.legalFrameZh();
        for (int i = 0; i < frame.size(); i++) {
            h.raw("<p>- ").text(frame.get(i));
            if (report.legalFrameZh() != null && i < report.legalFrame().size()) {
                h.raw("<br/><span class=\"key\">").text(report.legalFrame().get(i)).raw("</span>");
            }
            h.raw("</p>");
        }
        h.raw("</div>");
    }

    private static void accountability(Html h, Report report) {
        if (report.accountability() == null) {
            return;
        }
        h.h2("section.accountability");
        h.table();
        h.row("field.company", report.accountability().company().legalName());
        h.row("field.address", report.accountability().company().address());
        for (Contact c : report.accountability().contacts()) {
            h.rowLabelled("role." + c.role(), null, c.name() + ", " + c.email()
                    + (c.address() == null ? "" : ", " + c.address()));
        }
        for (DisclosedPartnership p : report.partnerships()) {
            h.raw("<tr><td class=\"k\">").label("field.owner").text(" (" + p.reference() + ")").raw("</td><td>")
                    .text(text(p.owner())).raw("</td></tr>");
        }
        h.end();
    }

    private static void scope(Html h, Report report) {
        if (report.scope() == null) {
            return;
        }
        h.h2("section.scope");
        h.table();
        h.row("field.partnerships", String.join(", ", report.scope().partnerships()));
        h.row("field.features", String.join(", ", report.scope().features()));
        h.row("field.markets", String.join(", ", report.scope().markets()));
        StringBuilder sources = new StringBuilder();
        for (ReportText.EventSource s : ReportText.get().methodology().eventSources()) {
            if (report.scope().eventSources().contains(s.key())) {
                sources.append(sources.isEmpty() ? "" : "; ").append(s.key()).append(": ")
                        .append(s.text().in(report.languagesOrEnglish()).printed());
            }
        }
        h.row("field.eventSources", sources.toString());
        h.end();
        h.h3("field.excluded");
        report.scope().exclusions().forEach(h::bullet);
    }

    private static void methodology(Html h, Report report) {
        if (report.methodology() == null) {
            return;
        }
        h.h2("section.methodology");
        h.h3("field.definitions");
        report.methodology().definitions().forEach(d -> h.bullet(d.text()));
        h.h3("field.countingRules");
        report.methodology().countingRules().forEach(h::bullet);
        h.h3("field.deduplication");
        h.bullet(report.methodology().deduplication());
        h.table();
        h.row("field.reportingTimeZone", report.methodology().reportingTimeZone());
        h.row("field.ruleSet", report.methodology().ruleSetVersion());
        h.end();
        List<String[]> rules = new ArrayList<>();
        report.methodology().rules().forEach(r -> rules.add(new String[] { r.rule(), r.instrument(), r.article() }));
        h.grid("field.ruleSources", new String[] { "field.column.rule", "field.column.instrument",
            "field.column.article" }, rules);
    }

    private static void limits(Html h, Report report) {
        if (report.limitations() == null) {
            return;
        }
        h.h2("section.limits");
        h.table();
        if (report.figuresAsOf() != null) {
            h.row("field.figuresAsOf", String.valueOf(report.figuresAsOf()));
        }
        h.row("field.recordsAsOf", String.valueOf(report.recordsAsOf()));
        h.row("field.checkpoint", report.attestation().checkpoint().size() + " " + h.word("field.entries"));
        h.end();
        h.h3("field.limitations");
        report.limitations().forEach(h::bullet);
    }

    /** A partnership's section, with its figures by section key. */
    private static void partnership(Html h, DisclosedPartnership p, Map<String, List<Figure>> figures) {
        String ref = p.reference();
        h.raw("<h2>").text(ref + ": " + p.title()).raw("</h2>");
        Partner partner = p.partner();
        h.table();
        h.rowLabelled("field.statusAtEnd", "status." + p.status(), p.status() + " (" + h.word("field.revision") + " "
                + p.revision() + ")");
        h.row("field.owner", text(p.owner()));
        h.row("field.effective", span(p.effectiveFrom(), p.effectiveTo()));
        h.row("field.markets", join(h, p.markets()));
        h.row("field.partner", partner.legalName());
        h.row("field.incorporatedIn", text(partner.countryOfIncorporation()));
        h.row("field.headquarters", text(partner.headquartersCountry()));
        h.row("field.nationalSecurityAccess", yesNo(h, partner.nationalSecurityAccess()));
        h.row("field.coveredPerson", yesNo(h, partner.coveredPerson()));
        DataPolicy policy = Objects.requireNonNullElse(p.dataPolicy(), DataPolicy.NONE);
        h.row("field.allowedData", h.words(policy.allowedCategories()));
        h.row("field.forbiddenData", h.words(policy.forbiddenCategories()));
        h.row("field.sensitiveAllowed", yesNo(h, policy.sensitiveAllowed()));
        h.row("field.processing", h.words(policy.allowedModes()));
        h.row("field.processingCountries", join(h, policy.allowedCountries()));
        h.row("field.purposes", join(h, policy.allowedPurposes()));
        h.row("field.retentionDays", text(policy.retentionDays()));
        h.end();
        List<String[]> systems = new ArrayList<>();
        for (DisclosedAiSystem s : p.aiSystems()) {
            systems.add(new String[] { s.name() + (s.version() == null ? "" : " " + s.version()), s.provider(),
                    h.word(s.riskClass())
                            + (Boolean.TRUE.equals(s.generalPurpose()) ? ", " + h.word("field.generalPurpose") : ""),
                    text(s.duties()) });
        }
        h.grid("section.aiSystems", new String[] { "field.column.system", "field.column.provider",
            "field.column.riskClass", "field.column.duties" }, systems);
        List<String[]> features = new ArrayList<>();
        p.features().forEach(f -> features.add(new String[] { f.key(), f.name(), f.purpose() }));
        h.grid("section.features", new String[] { "field.column.key", "field.column.feature",
            "field.column.purpose" }, features);
        List<String[]> transfers = new ArrayList<>();
        p.transfers().forEach(t -> transfers.add(new String[] { t.toCountry(), h.word(t.mechanism()),
            text(t.reference()) }));
        h.grid("section.transfers", new String[] { "field.column.to", "field.column.mechanism",
            "field.column.reference" }, transfers);
        List<String[]> paperwork = new ArrayList<>();
        p.legalBases().forEach(b -> paperwork.add(new String[] { h.word("field.legalBasis") + " " + b.jurisdiction(),
            b.basis(), text(b.notes()) }));
        p.assessments().forEach(a -> paperwork.add(new String[] { h.word(a.type()),
            wordOrSelf(h, a.status()) + " " + text(a.date()),
            h.word("field.reviewer") + " " + text(a.reviewer()) + ", " + h.word("field.approver") + " "
                + text(a.approver()) + ", " + h.word("field.column.reference") + " " + text(a.reference()) }));
        h.raw("<div class=\"keep\">");
        h.grid("section.paperwork", new String[] { "field.column.item", "field.column.statusOrBasis",
            "field.column.details" }, paperwork);
        if (!p.filings().isEmpty()) {
            // a filing number is one token: never broken across lines
            h.raw("<table><thead><tr><th scope=\"col\">").label("field.column.filing")
                    .raw("</th><th scope=\"col\" style=\"width: 50%\">").label("field.column.number")
                    .raw("</th><th scope=\"col\">").label("field.column.date").raw("</th></tr></thead><tbody>");
            p.filings().forEach(f -> h.raw("<tr><td>").text(h.word(f.type())).raw("<br/><span class=\"key\">")
                    .text(f.type()).raw("</span></td><td style=\"white-space: nowrap\">").text(text(f.number()))
                    .raw("</td><td>").text(text(f.date())).raw("</td></tr>"));
            h.raw("</tbody></table>");
        }
        h.raw("</div>");
        List<String[]> changes = new ArrayList<>();
        p.statusChanges().forEach(c -> changes.add(new String[] { String.valueOf(c.at()),
            wordOrSelf(h, c.from()) + " -> " + wordOrSelf(h, c.to()), c.actor(), text(c.reason()) }));
        h.grid("section.statusChanges", new String[] { "field.column.when", "field.column.change", "field.column.by",
            "field.column.reason" }, changes);
        if (!p.publicCommitments().isEmpty()) {
            h.h3("section.commitments");
            p.publicCommitments().forEach(c -> h.raw("<p class=\"quote\">").text(c).raw("</p>"));
        }
        violations(h, p);
        figureTable(h, "section.dataAccess", figures.getOrDefault(ReportFigures.DATA_ACCESS, List.of()));
        if (p.governance() != null) {
            figureTable(h, "section.governance", figures.getOrDefault(ReportFigures.GOVERNANCE, List.of()));
        }
        figureTable(h, "section.compliance", figures.getOrDefault(ReportFigures.COMPLIANCE, List.of()));
        if (!p.thresholds().isEmpty()) {
            figureTable(h, "section.thresholds", figures.getOrDefault(ReportFigures.THRESHOLDS, List.of()));
            List<String[]> sources = new ArrayList<>();
            for (ThresholdResult t : p.thresholds()) {
                sources.add(new String[] { ReportFigures.threshold(t), text(t.source()) + (t.coveredBy() == null ? ""
                        : "; " + h.word("field.coveredBy") + " "
                        + (t.coveredBy().isEmpty() ? h.word("field.noMechanism") : h.words(t.coveredBy()))) });
            }
            h.grid(null, new String[] { "field.column.threshold", "field.column.thresholdSource" }, sources);
        }
    }

    private static void violations(Html h, DisclosedPartnership p) {
        List<Violation> found = p.compliance().violations().stream().filter(v -> v.count() > 0).toList();
        if (found.isEmpty()) {
            h.h3("section.violations");
            h.raw("<p>").label("field.none").raw("</p>");
            return;
        }
        h.raw("<div class=\"keep\">");
        h.h3("section.violations");
        h.raw("<table style=\"font-size: 7.5pt\"><thead><tr>");
        String[] widths = { "20%", "6%", "11%", "11%", "14%", "19%", "19%" };
        String[] keys = { "field.kind", "field.count", "field.first", "field.last", "field.clause", "field.commitment",
            "field.remediation" };
        for (int i = 0; i < keys.length; i++) {
            h.raw("<th scope=\"col\"" + (i == 1 ? " class=\"n\"" : "") + " style=\"width: " + widths[i] + "\">")
                    .label(keys[i]).raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
        for (Violation v : found) {
            h.raw("<tr><td>").text(h.word(v.kind())).raw("<br/><span class=\"key\">").text(v.kind())
                    .raw("</span></td><td class=\"n\">").text(Long.toString(v.count())).raw("</td><td>")
                    .text(when(v.firstAt())).raw("</td><td>").text(when(v.lastAt())).raw("</td><td>");
            if (v.clause() != null) {
                h.text(v.clause().terms()).raw("<br/><span class=\"key\">").text(v.clause().path()).raw("</span>");
            }
            h.raw("</td><td>");
            if (v.contradicts() == null || v.contradicts().isEmpty()) {
                h.label("field.noCommitment");
            } else {
                v.contradicts().forEach(c -> h.raw("<p>\"").text(c).raw("\"</p>"));
            }
            h.raw("</td><td>");
            if (v.remediation() == null) {
                h.label("field.noRemediation");
            } else {
                h.text(h.word("status." + v.remediation().status())).raw(": ").text(text(v.remediation().text()))
                        .raw("<br/><span class=\"key\">").text(v.remediation().recordedBy() + ", "
                                + v.remediation().recordedAt()).raw("</span>");
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    private static void logAttestation(Html h, Report report) {
        h.h2("section.logAttestation");
        Report.Attestation a = report.attestation();
        h.raw("<p>").text("Every figure above covers exactly the first " + a.checkpoint().size() + " entries of "
                + "the append-only access log (RFC 9162 Merkle tree), whose signed checkpoint follows.").raw("</p>");
        h.table();
        h.monoRow("field.treeSize", Long.toString(a.checkpoint().size()));
        h.monoRow("field.rootHash", a.checkpoint().root());
        h.monoRow("field.signedNote", a.checkpoint().note());
        if (a.previous() == null) {
            h.rowLabelled("field.previous", "field.previousNone", "");
        } else {
            PreviousDisclosure prev = a.previous();
            h.monoRow("field.previous", String.valueOf(prev.disclosureId()));
            h.monoRow("field.checkpoint", prev.size() + " " + prev.root());
            h.monoRow("field.consistencyProof", prev.consistencyProof().isEmpty() ? "-"
                    : String.join("\n", prev.consistencyProof()));
        }
        h.end();
    }

    /**
     * A table of the figures of one section under its heading (when there is one): a row per dimension value, a
     * column per metric. A short table is kept on one page with its heading, as {@link Html#grid} does: its head
     * and rows may run to several lines, more than the room a heading and a table ask for at the foot of a page.
     * Rows are shaded alternately rather than ruled: a rule is a border on every cell, drawn as a shape cell by
     * cell, and on a report of 5,600 figure rows the rules took a tenth of the rendering; shading every other row
     * costs a third of that.
     */
    private static void figureTable(Html h, String heading, List<Figure> figures) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Map<String, String[]> rowKeys = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Figure f : figures) {
            String row = f.dimension() + "=" + f.dimensionValue();
            rowKeys.putIfAbsent(row, new String[] { f.dimension(), f.dimensionValue() });
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(f.metric(), f.value());
            metrics.add(f.metric());
        }
        // numbers take a narrow column, words (statuses, consequences) one 2.6 times as wide, the dimension the rest
        Set<String> worded = new LinkedHashSet<>();
        rows.values().forEach(r -> r.forEach((metric, value) -> {
            if (!value.isEmpty() && !Character.isDigit(value.charAt(0))) {
                worded.add(metric);
            }
        }));
        double first = worded.isEmpty() ? 40 : 24;
        double unit = (100 - first) / (metrics.size() + 1.6 * worded.size());
        boolean keep = rows.size() <= SHORT_TABLE;
        if (keep) {
            h.raw("<div class=\"keep\">");
        }
        if (heading != null) {
            h.h3(heading);
        }
        h.raw("<table class=\"fig\"><thead><tr><th scope=\"col\" style=\"width: " + percent(first) + "\">")
                .label("field.dimension").raw("</th>");
        metrics.forEach(m -> h.raw("<th scope=\"col\"" + (worded.contains(m) ? "" : " class=\"n\"")
                + " style=\"width: " + percent(worded.contains(m) ? 2.6 * unit : unit) + "\">").label("metric." + m)
                .raw("</th>"));
        h.raw("</tr></thead><tbody>");
        boolean shaded = false;
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            String[] key = rowKeys.get(row.getKey());
            h.raw(shaded ? "<tr class=\"z\"><td>" : "<tr><td>").text(h.word("dimension." + key[0]));
            if (!key[1].isEmpty()) {
                String value = h.word(key[1]);
                h.text(": " + value);
                if (!value.equals(key[1])) {
                    h.raw(" <span class=\"key\">").text(key[1]).raw("</span>");
                }
            }
            h.raw("</td>");
            for (String metric : metrics) {
                String value = row.getValue().getOrDefault(metric, "");
                boolean number = !value.isEmpty() && Character.isDigit(value.charAt(0));
                h.raw(number ? "<td class=\"n\">" : "<td>").text(number ? value : wordOrSelf(h, value));
                if (!number && !value.isEmpty() && !h.word(value).equals(value)) {
                    h.raw(" <span class=\"key\">").text(value).raw("</span>");
                }
                h.raw("</td>");
            }
            h.raw("</tr>");
            shaded = !shaded;
        }
        h.raw("</tbody></table>");
        if (keep) {
            h.raw("</div>");
        }
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** An instant in a narrow column: the date above the time, so no line breaks inside either. */
    private static String when(Instant at) {
        return at == null ? "-" : at.toString().replace('T', '\n');
    }

    private static String wordOrSelf(Html h, String value) {
        String status = h.word("status." + value);
        return status.equals("status." + value) ? h.word(value) : status;
    }

    private static String join(Html h, List<?> values) {
        if (values == null || values.isEmpty()) {
            return h.word("field.noneListed");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(String.valueOf(v)));
        return String.join(", ", texts);
    }

    /** A value that may be absent: "-" then. */
    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** From and to, either open: "2026-03-01 \u2013 2026-12-31", "2026-03-01 \u2013", "\u2013 2026-12-31". */
    private static String span(Object from, Object to) {
        return ((from == null ? "" : from + " ") + "\u2013" + (to == null ? "" : " " + to)).strip();
    }

    private static String yesNo(Html h, Boolean value) {
        return h.word(Boolean.TRUE.equals(value) ? "field.yes" : "field.no");
    }

    /** Well-formed XHTML, every text escaped and checked against the font; labels in the report's languages. */
    private static final class Html {
        private final StringBuilder out = new StringBuilder(256 * 1024);
        private final List<String> languages;
        private final Map<String, Text> reportLabels;

        Html(List<String> languages, Map<String, Text> reportLabels) {
            this.languages = languages;
            this.reportLabels = reportLabels == null ? Map.of() : reportLabels;
        }

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String text) {
            String checked = text == null ? "" : ReportFont.requirePrintable(text, "the PDF text");
            for (int i = 0; i < checked.length(); i++) {
                char c = checked.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\n' -> out.append("<br/>");
                    default -> out.append(c);
                }
            }
            return this;
        }

        Html attr(String text) {
            return text(text);
        }

        /** A key's words: the report's own labels first (what it signed), else the current label data. */
        Text labelOf(String key) {
            Text label = reportLabels.get(key);
            return label != null ? label : ReportText.get().label(key);
        }

        Html label(String key) {
            Text label = labelOf(key);
            return text(label == null ? key : label.in(languages).printed());
        }

        /** A key's plain words in the report's languages, or the key itself where it has none. */
        String word(String key) {
            Text label = labelOf(key);
            return label == null ? String.valueOf(key) : label.in(languages).printed();
        }

        String words(List<String> keys) {
            if (keys == null || keys.isEmpty()) {
                return word("field.noneListed");
            }
            return String.join(", ", keys.stream().map(this::word).toList());
        }

        Html words(Text text) {
            return text(text.in(languages).printed());
        }

        void h2(String key) {
            raw("<h2>").label(key).raw("</h2>");
        }

        void h3(String key) {
            raw("<h3>").label(key).raw("</h3>");
        }

        void para(Text text) {
            raw("<p>").words(text).raw("</p>");
        }

        void bullet(Text text) {
            raw("<p>- ").words(text).raw("</p>");
        }

        /** A short table of labelled values, kept on one page. */
        void table() {
            raw("<table class=\"kv\"><tbody>");
        }

        void end() {
            raw("</tbody></table>");
        }

        void row(String key, String value) {
            raw("<tr><td class=\"k\">").label(key).raw("</td><td>").text(value == null ? "-" : value)
                    .raw("</td></tr>");
        }

        /** A row whose value is a labelled key, followed by more text. */
        void rowLabelled(String key, String valueKey, String more) {
            raw("<tr><td class=\"k\">").label(key).raw("</td><td>");
            if (valueKey != null) {
                label(valueKey);
                if (more != null && !more.isEmpty()) {
                    raw("<br/><span class=\"key\">").text(more).raw("</span>");
                }
            } else {
                text(more);
            }
            raw("</td></tr>");
        }

        void monoRow(String key, String value) {
            raw("<tr><td class=\"k\">").label(key).raw("</td><td class=\"mono\">").text(value == null ? "-" : value)
                    .raw("</td></tr>");
        }

        /**
         * A table under its heading (when there is one), both kept on one page where they fit: its rows may run
         * to several lines, and a page must not end with a heading or a table's head. Headers are label keys.
         */
        void grid(String heading, String[] headers, List<String[]> rows) {
            if (rows.isEmpty()) {
                if (heading != null) {
                    h3(heading);
                }
                raw("<p>").label("field.none").raw("</p>");
                return;
            }
            raw("<div class=\"keep\">");
            if (heading != null) {
                h3(heading);
            }
            raw("<table><thead><tr>");
            for (String header : headers) {
                raw("<th scope=\"col\">").label(header).raw("</th>");
            }
            raw("</tr></thead><tbody>");
            for (String[] row : rows) {
                raw("<tr>");
                for (String cell : row) {
                    raw("<td>").text(cell == null ? "-" : cell).raw("</td>");
                }
                raw("</tr>");
            }
            raw("</tbody></table></div>");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
