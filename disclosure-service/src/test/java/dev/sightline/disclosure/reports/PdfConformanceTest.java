package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.verapdf.core.EncryptedPdfException;
import org.verapdf.core.ModelParsingException;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The PDF is what it claims to be: each golden report, rendered as a publication renders it (with report.json and
 * its JWS attached), passes veraPDF, the PDF Association's reference validator, for PDF/A-3a (archival, tagged, the
 * attachments as associated files) and for PDF/UA-1 (accessible: structure, alternative texts, fonts, artifacts).
 * A failure names each rule broken, its clause and how often.
 */
class PdfConformanceTest {

    @BeforeAll
    static void validator() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN", "US", "US-CA" })
    void conformsToPdfA3aAndPdfUa1(String jurisdiction) throws Exception {
        byte[] json;
        try (InputStream in = PdfConformanceTest.class.getResourceAsStream(
                "/reports/golden/" + jurisdiction + ".published.json")) {
            json = in.readAllBytes();
        }
        byte[] pdf = PdfRenderer.render(ReportJson.parse(json), new PdfRenderer.Meta("PUBLISHED", "d1g35t", "k1d",
                "CURRENT", "at publication", List.of(
                        new PdfRenderer.Attachment("report.json", ReportFormat.JSON.mediaType(), "Source",
                                "The signed report", json),
                        new PdfRenderer.Attachment("report.json.jws", ReportFormat.JWS.mediaType(), "Supplement",
                                "Detached JWS over report.json",
                                "eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl".getBytes(StandardCharsets.US_ASCII)))));

        assertEquals(Map.of(), failures(pdf, PDFAFlavour.PDFA_3_A), jurisdiction + " as PDF/A-3a");
        assertEquals(Map.of(), failures(pdf, PDFAFlavour.PDFUA_1), jurisdiction + " as PDF/UA-1");
    }

    /** The rules the file breaks under the flavour's profile: clause and description, with how often. */
    private static Map<String, Integer> failures(byte[] pdf, PDFAFlavour flavour)
            throws ModelParsingException, EncryptedPdfException, ValidationException, IOException {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            Map<String, Integer> failed = new TreeMap<>();
            for (TestAssertion assertion : result.getTestAssertions()) {
                if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                    failed.merge(assertion.getRuleId().getClause() + " #" + assertion.getRuleId().getTestNumber()
                            + ": " + assertion.getMessage(), 1, Integer::sum);
                }
            }
            assertTrue(result.getTotalAssertions() > 0, "veraPDF checked nothing for " + flavour);
            return failed;
        }
    }
}
