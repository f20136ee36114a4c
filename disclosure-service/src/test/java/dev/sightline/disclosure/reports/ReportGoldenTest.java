package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sightline.disclosure.reports.Report.Accountability;
import dev.sightline.disclosure.reports.Report.Company;
import dev.sightline.disclosure.reports.Report.Contact;
import dev.sightline.disclosure.reports.Report.Publication;
import dev.sightline.disclosure.reports.Report.PublisherAttestation;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures;
import dev.sightline.disclosure.snapshot.LogKey;
import dev.sightline.disclosure.snapshot.Partner;
import dev.sightline.disclosure.snapshot.Partnership;
import dev.sightline.disclosure.snapshot.PartnershipFacts;
import dev.sightline.disclosure.snapshot.PreviousDisclosure;
import dev.sightline.disclosure.snapshot.Snapshot;
import dev.sightline.disclosure.snapshot.StatusChange;
import dev.sightline.support.problem.StrictJsonCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the signed report, the CSV and the PDF's text, byte for byte, for every jurisdiction: the sources' answers
 * under {@code reports/} (complete, as the partnership-service and the audit-service send them) go through the
 * same parsing as the REST clients', the builder and the renderers, and must give exactly the files under
 * {@code reports/golden/}. A report once signed must read the same to every verifier, so any change here is a
 * change of the published format.
 */
class ReportGoldenTest {
    private static final ObjectMapper SOURCES = sourcesMapper();
    private static final Templates TEMPLATES = new Templates(new ObjectMapper());
    private static final Accountability ACCOUNTABILITY = new Accountability(new Company(
            "Larkspur Devices GmbH (fictional)", "Lindenstraße 12, 10969 Berlin, Germany"), List.of(
                    new Contact("data-protection-officer", "Dana Weber", "dpo@larkspur-devices.example", null),
                    new Contact("cac-contact", "个人信息保护办公室", "pipl@larkspur-devices.example", "上海")));

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN", "US", "US-CA" })
    void buildsAndRendersEachJurisdictionExactlyAsPublished(String jurisdiction) throws IOException {
        byte[] draft = ReportJson.canonical(new ReportBuilder().build(header(jurisdiction),
                TEMPLATES.of(jurisdiction), snapshot(jurisdiction), ACCOUNTABILITY));
        assertGolden(jurisdiction + ".draft.json", utf8(draft));

        Report published = ReportJson.parse(draft).withPublication(new Publication(
                Instant.parse("2026-07-03T08:00:00.100Z"), "bob", new PublisherAttestation("Robert Brandt",
                        "Chief Privacy Officer / 首席隐私官", "I attest that this disclosure is complete and accurate.")));
        byte[] bytes = ReportJson.canonical(published);
        assertGolden(jurisdiction + ".published.json", utf8(bytes));
        assertEquals(published, ReportJson.parse(bytes), "reads back as it was written");

        assertGolden(jurisdiction + ".csv", utf8(CsvRenderer.render(published, "d1g35t")));
        byte[] pdf = PdfRenderer.render(published, new PdfRenderer.Meta("PUBLISHED", "d1g35t", "k1d", "CURRENT",
                "at publication", List.of()));
        // kept for people to look at: target/golden-<jurisdiction>.pdf
        Files.write(Path.of("target/golden-" + jurisdiction + ".pdf"), pdf);
        assertGolden(jurisdiction + ".pdf.txt", text(pdf));
        assertGolden(jurisdiction + ".draft.pdf.txt", text(PdfRenderer.render(ReportJson.parse(draft),
                new PdfRenderer.Meta("DRAFT", "d1g35t", null, "DRAFT", null, List.of()))));
    }

    private static void assertGolden(String file, String actual) throws IOException {
        assertEquals(golden(file, actual), actual, file);
    }

    private static ReportBuilder.Header header(String jurisdiction) {
        boolean eu = jurisdiction.equals("EU");
        return new ReportBuilder.Header(UUID.nameUUIDFromBytes(jurisdiction.getBytes(StandardCharsets.UTF_8)),
                eu ? 2 : 1, jurisdiction, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-07-02T10:11:12.345678Z"), "alice",
                eu ? UUID.nameUUIDFromBytes("old".getBytes(StandardCharsets.UTF_8)) : null, false);
    }

    private static Snapshot snapshot(String jurisdiction) throws IOException {
        Partner partner = read("partner.json", new TypeReference<>() { });
        Map<UUID, List<StatusChange>> changes = read("status-changes.json", new TypeReference<>() { });
        List<PartnershipFacts> partnerships = new ArrayList<>();
        for (String file : List.of("partnership-a.json", "partnership-b.json")) {
            Partnership p = read(file, new TypeReference<>() { });
            partnerships.add(new PartnershipFacts(p, partner, changes.get(p.id())));
        }
        Figures figures = read("figures.json", new TypeReference<>() { });
        List<Checkpoint> checkpoints = read("checkpoints.json", new TypeReference<>() { });
        PreviousDisclosure previous = switch (jurisdiction) {
            case "EU" -> previous("prevEU", List.of("AAAAEpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=",
                    "BBBBEpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY="));
            case "CN" -> previous("prevCN", List.of());
            default -> null;
        };
        return new Snapshot(Instant.parse("2026-06-30T23:59:59.999999Z"), Instant.parse("2026-07-02T10:11:12Z"),
                partnerships, figures, checkpoints.get(0), new LogKey("0a0b0c0d",
                        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"), previous);
    }

    private static PreviousDisclosure previous(String seed, List<String> proof) {
        return new PreviousDisclosure(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)), 4000,
                "x2c0EpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=", proof);
    }

    /** Read as the REST clients read: the application's strict mapper with the java.time types. */
    private static ObjectMapper sourcesMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    private static <T> T read(String file, TypeReference<T> type) throws IOException {
        try (InputStream in = resource(file)) {
            return SOURCES.readValue(in, type);
        }
    }

    /**
     * The golden file's text. With {@code -Dsightline.golden.refresh=true} a changed output is written over it first
     * (run from the module's folder), for a deliberate change of the published format that the diff then shows.
     */
    private static String golden(String file, String actual) throws IOException {
        if (Boolean.getBoolean("sightline.golden.refresh")) {
            Files.writeString(Path.of("src/test/resources/reports/golden", file), actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = resource("golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = ReportGoldenTest.class.getResourceAsStream("/reports/" + file);
        if (in == null) {
            throw new IllegalStateException("test resource reports/" + file + " is missing");
        }
        return in;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
