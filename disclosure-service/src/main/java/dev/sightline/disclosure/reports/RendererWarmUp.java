package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.Attestation;
import dev.sightline.disclosure.reports.Report.TemplateRef;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Renders a tiny report once at start, so the first generation or download does not pay for parsing the report
 * font and loading the PDF library's classes.
 */
@ApplicationScoped
public class RendererWarmUp {
    void warmUp(@Observes StartupEvent start) {
        long t0 = System.nanoTime();
        Report report = new Report(Report.SCHEMA_ID, null, 1, "CN", null, null, null, null, null, "warm-up",
                "预热", new TemplateRef("CN", "-"), null, List.of(), null, List.of("zh", "en"), false, null, null,
                null, null, null, null, null, null, null, null, List.of(), new AuthorityRequests(0, null, null, null),
                new Attestation(new Checkpoint(0, null, null), null, null), null);
        CsvRenderer.render(report, "0");
        PdfRenderer.render(report, new PdfRenderer.Meta("DRAFT", "0", null, "DRAFT", null, List.of()));
        Log.debugf("Report renderers warmed up in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
