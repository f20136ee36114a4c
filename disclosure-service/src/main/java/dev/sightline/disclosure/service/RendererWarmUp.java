package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Renders a tiny report once at start, so the first regulator's download does not pay for loading the PDF
 * library's fonts and classes (about 2 s on a small machine).
 */
@ApplicationScoped
public class RendererWarmUp {
    void warmUp(@Observes StartupEvent start, ObjectMapper mapper) {
        long t0 = System.nanoTime();
        ObjectNode report = mapper.createObjectNode();
        report.put("title", "warm-up").put("jurisdiction", "EU").putArray("partnerships");
        report.putObject("authorityRequests").put("total", 0);
        report.putObject("attestation").putObject("checkpoint").put("size", 0);
        CsvRenderer.render(report, "0");
        PdfRenderer.render(report, new PdfRenderer.Meta("DRAFT", "0", null, null, null));
        Log.debugf("Report renderers warmed up in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
