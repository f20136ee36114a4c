package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.verifier.json.CanonicalJson;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The renderers' warm-up renders a sample report that is a whole report, through every step a publication takes. */
class RendererWarmUpTest {

    @Test
    void theBackgroundWarmUpRendersItsSampleWithoutFailing() {
        assertTrue(RendererWarmUp.renderSample(2));
    }

    @Test
    void theSampleIsAFullReportWithItsBreakdownsAndChineseNames() throws IOException {
        byte[] json = CanonicalJson.canonicalize(RendererWarmUp.sampleReport(3, 4));
        Report report = ReportJson.parse(json);
        assertEquals(3, report.partnerships().size());
        byte[] pdf = PdfRenderer.render(report, new PdfRenderer.Meta("DRAFT", "0", null, "DRAFT", null,
                List.of(new PdfRenderer.Attachment("report.json", "application/json", "Source", "sample", json))));
        String csv = new String(CsvRenderer.render(report, "0"), java.nio.charset.StandardCharsets.UTF_8);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            for (int p = 0; p < 3; p++) {
                assertTrue(text.contains("云智科技 Partner " + p), "partner " + p + " in the PDF");
            }
            // seven breakdowns of four values each, for each partnership
            for (String dimension : List.of("category", "mode", "country", "purpose", "outcome", "action", "feature")) {
                assertTrue(text.contains(dimension + "-3"), dimension + " in the PDF");
                assertTrue(csv.contains(dimension + "-3"), dimension + " in the CSV");
            }
        }
    }
}
