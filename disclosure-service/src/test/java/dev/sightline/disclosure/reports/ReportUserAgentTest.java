package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The report's HTML uses only the elements its cut-down user-agent style sheet covers: an element outside
 * {@link ReportUserAgent#ELEMENTS} would be laid out without the library's defaults (a {@code ul} without its
 * bullets, an {@code em} upright) and nothing else would notice.
 */
class ReportUserAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "EU", "CN", "US", "US-CA" })
    void theReportUsesOnlyTheElementsItsUserAgentSheetCovers(String jurisdiction) throws Exception {
        JsonNode report;
        try (InputStream in = ReportUserAgentTest.class.getResourceAsStream(
                "/reports/golden/" + jurisdiction + ".published.json")) {
            report = JSON.readTree(in);
        }
        for (String status : List.of("PUBLISHED", "DRAFT")) {
            String html = PdfRenderer.html(ReportJson.parse(JSON.writeValueAsBytes(report)),
                    new PdfRenderer.Meta(status, "d1g35t", "k1d", "CURRENT", "at publication", List.of()));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
            NodeList all = document.getElementsByTagNameNS("*", "*");
            Set<String> used = new TreeSet<>();
            for (int i = 0; i < all.getLength(); i++) {
                used.add(all.item(i).getLocalName());
            }
            assertTrue(used.containsAll(Set.of("table", "td", "h2")), "read the report's elements: " + used);
            Set<String> uncovered = new TreeSet<>(used);
            uncovered.removeAll(ReportUserAgent.ELEMENTS);
            assertEquals(Set.of(), uncovered, jurisdiction + " " + status + " report uses " + used);
        }
    }
}
