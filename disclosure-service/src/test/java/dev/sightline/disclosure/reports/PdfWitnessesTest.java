package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.NoteSignature;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A report whose checkpoint the witnesses cosigned names them on its title page, by key name and key id, and tells
 * the regulator how to check them with keys obtained from the witnesses; a report without cosignatures says nothing
 * of witnesses. The cosignature is a real one (c2sp.org/tlog-cosignature) over the golden report's checkpoint.
 */
class PdfWitnessesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WITNESS = "witness.eu-regulator.example/w1";

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN" })
    void namesTheWitnessesThatCosignedTheCheckpoint(String jurisdiction) throws IOException {
        ObjectNode report = golden(jurisdiction);
        ObjectNode checkpoint = (ObjectNode) report.path("attestation").path("checkpoint");
        String note = checkpoint.path("note").asText();
        CosignatureSigner witness = CosignatureSigner.fromSeed(WITNESS, new byte[32]);
        NoteSignature cosignature = witness.cosign(note.substring(0, note.indexOf("\n\n") + 1), 1_767_225_600L);
        checkpoint.put("note", note + cosignature.line() + "\n");

        String expected = WITNESS + " (key id " + witness.verifier().keyIdHex() + ")";
        assertEquals(List.of(expected), PdfRenderer.cosigners(checkpoint.path("note").asText()),
                "the log's own signature is not a witness's");
        String text = text(report);
        assertTrue(text.contains(expected.replace(" ", "")), text);
        assertTrue(text.contains("--witness-key<witnesskey>"), text);
        if (jurisdiction.equals("CN")) {
            assertTrue(text.contains("联署该检查点的见证方"), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN" })
    void saysNothingOfWitnessesWhenNoneCosigned(String jurisdiction) throws IOException {
        ObjectNode report = golden(jurisdiction);
        assertEquals(List.of(), PdfRenderer.cosigners(report.path("attestation").path("checkpoint").path("note")
                .asText()));
        assertFalse(text(report).contains("--witness-key"));
    }

    private static ObjectNode golden(String jurisdiction) throws IOException {
        try (InputStream in = PdfWitnessesTest.class.getResourceAsStream(
                "/reports/golden/" + jurisdiction + ".published.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** The PDF's text without whitespace: where a line breaks is the layout's business. */
    private static String text(ObjectNode report) throws IOException {
        byte[] pdf = PdfRenderer.render(ReportJson.parse(JSON.writeValueAsBytes(report)),
                new PdfRenderer.Meta("PUBLISHED", "d1g35t", "k1d", "CURRENT", "at publication", List.of()));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }
}
