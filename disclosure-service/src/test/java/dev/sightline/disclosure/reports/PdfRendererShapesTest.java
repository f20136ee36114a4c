package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shape of report renders: each list of each golden report emptied in turn (no partnerships, no figures, no
 * violations, a report in one language only…) moves content across page breaks, and the renderer must lay out every
 * one of them as a readable PDF, never fail on where a page happens to break.
 */
class PdfRendererShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN", "US", "US-CA" })
    void rendersTheReportWithAnyOfItsListsEmpty(String jurisdiction) throws IOException {
        JsonNode report;
        try (InputStream in = PdfRendererShapesTest.class.getResourceAsStream(
                "/reports/golden/" + jurisdiction + ".published.json")) {
            report = JSON.readTree(in);
        }
        List<String> lists = new ArrayList<>();
        lists(report, "", lists);
        List<String> failures = new ArrayList<>();
        for (String list : lists) {
            JsonNode shape = report.deepCopy();
            ((ArrayNode) shape.at(list)).removeAll();
            try {
                byte[] pdf = PdfRenderer.render(ReportJson.parse(JSON.writeValueAsBytes(shape)),
                        new PdfRenderer.Meta("PUBLISHED", "d1g35t", "k1d", "CURRENT", "at publication", List.of()));
                try (PDDocument document = Loader.loadPDF(pdf)) {
                    if (document.getNumberOfPages() == 0) {
                        failures.add(list + ": no pages");
                    }
                }
            } catch (RuntimeException e) {
                failures.add(list + ": " + e);
            }
        }
        assertEquals(List.of(), failures, lists.size() + " shapes of the " + jurisdiction + " report");
    }

    /** The JSON pointers of the non-empty arrays in the tree. */
    private static void lists(JsonNode node, String path, List<String> found) {
        if (node instanceof ArrayNode array) {
            if (!array.isEmpty()) {
                found.add(path);
            }
            for (int i = 0; i < array.size(); i++) {
                lists(array.get(i), path + "/" + i, found);
            }
        } else if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                lists(field.getValue(), path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), found);
            }
        }
    }
}
