package dev.sightline.disclosure.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.reports.CsvRenderer;
import dev.sightline.disclosure.reports.PdfRenderer;
import dev.sightline.disclosure.reports.Report;
import dev.sightline.disclosure.reports.RendererWarmUp;
import dev.sightline.disclosure.reports.ReportJson;
import dev.sightline.verifier.json.CanonicalJson;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The disclosure-service's own share of a generation: canonicalising and digesting the report and rendering CSV
 * and PDF, for a large report (partnerships × dimension values set by -Dbench.partnerships and -Dbench.values). The
 * PDF is what publishing stores: PDF/A-3a, tagged, in the embedded Noto Sans SC subset, with report.json attached,
 * its partnership names and titles in Chinese and English; the target is under 1 s for 20 partnerships.
 * Its other share is the audit-service's GET /figures, which audit-service's -Pbench-analytics measures at 10M
 * entries. Prints a table of medians and maxima over -Dbench.runs runs after -Dbench.warmups renderings (the JIT's
 * warm-up; the first rendering's time is printed apart), and for the PDF also the CPU time of the rendering thread
 * and the collectors' time during it (on a shared machine the wall clock also counts waiting).
 * -Dbench.each=true also prints every rendering's times and allocation; -Dbench.out=FILE keeps the last PDF.
 */
public final class RenderBench {
    private static final int PARTNERSHIPS = Integer.getInteger("bench.partnerships", 20);
    private static final int VALUES = Integer.getInteger("bench.values", 40);
    private static final int RUNS = Integer.getInteger("bench.runs", 15);
    /**
     * Renderings before those measured: the JIT compilers need about twenty of this report before a rendering's CPU
     * time stops falling (3.2 s for the first in a fresh JVM, about 0.85 s for the fourth, 0.53–0.55 s from the
     * twentieth on a quiet machine).
     */
    private static final int WARM_UPS = Integer.getInteger("bench.warmups", 20);
    /** Renderings of the service's own background warm-up made first (-Dbench.servicewarmup=N), as after its start. */
    private static final int SERVICE_WARM_UP = Integer.getInteger("bench.servicewarmup", 0);

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        ObjectNode report = RendererWarmUp.sampleReport(PARTNERSHIPS, VALUES);
        byte[] canonical = CanonicalJson.canonicalize(report);
        System.out.printf("%nDisclosure render bench: %d partnerships x 7 dimensions x %d values; report %,d bytes%n",
                PARTNERSHIPS, VALUES, canonical.length);
        if (SERVICE_WARM_UP > 0) {
            long t = System.nanoTime();
            RendererWarmUp.renderSample(SERVICE_WARM_UP);
            System.out.printf("  the service's warm-up: %d renderings of its sample report in %.1f ms%n",
                    SERVICE_WARM_UP, (System.nanoTime() - t) / 1e6);
        }
        List<long[]> times = new ArrayList<>();
        List<Long> allocations = new ArrayList<>();
        long[] first = null;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        byte[] pdf = null;
        byte[] csv = null;
        for (int run = 0; run < RUNS + WARM_UPS; run++) {
            long t0 = System.nanoTime();
            byte[] bytes = CanonicalJson.canonicalize(report);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            long t1 = System.nanoTime();
            csv = CsvRenderer.render(ReportJson.parse(bytes), digest);
            long t2 = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = allocatedBytes(threads);
            long gc = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            Report typed = ReportJson.parse(bytes);
            pdf = PdfRenderer.render(typed, new PdfRenderer.Meta("PUBLISHED", digest, "kid", "CURRENT",
                    "at publication", List.of(new PdfRenderer.Attachment("report.json", "application/json", "Source",
                            "The signed report", bytes))));
            long t3 = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            allocated = allocatedBytes(threads) - allocated;
            gc = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gc;
            if (Boolean.getBoolean("bench.each")) {
                System.out.printf("  run %2d: PDF %.1f ms, thread CPU %.1f ms, GC %d ms, allocated %d MB%n", run,
                        (t3 - t2) / 1e6, cpu / 1e6, gc, allocated >> 20);
            }
            if (run == 0) {
                first = new long[] { t3 - t2, cpu };
            }
            if (run >= WARM_UPS) {
                times.add(new long[] { t1 - t0, t2 - t1, t3 - t2, t3 - t0, cpu, gc * 1_000_000 });
                allocations.add(allocated);
            }
        }
        String after = SERVICE_WARM_UP > 0 ? ", after the service's warm-up," : "";
        System.out.printf("%n  the first PDF in this JVM" + after + " took %.1f ms (thread CPU %.1f ms); below, "
                + "renderings %d to %d%n", first[0] / 1e6, first[1] / 1e6, WARM_UPS + 1, WARM_UPS + RUNS);
        String[] names = { "canonical JSON + SHA-256", "CSV", "PDF", "all three", "PDF, thread CPU", "PDF, GC" };
        System.out.printf("%n  %-26s %10s %10s%n", "step", "median ms", "max ms");
        for (int i = 0; i < names.length; i++) {
            int column = i;
            long[] sorted = times.stream().mapToLong(t -> t[column]).sorted().toArray();
            System.out.printf("  %-26s %10.1f %10.1f%n", names[i], sorted[sorted.length / 2] / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
        String out = System.getProperty("bench.out", "");
        if (!out.isBlank()) {
            Files.write(Path.of(out), pdf);
        }
        if (allocatedBytes(threads) >= 0) {
            long[] sorted = allocations.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  PDF, allocated by the rendering thread: median %,d MB (unlike the times, the same on "
                    + "any machine)%n", sorted[sorted.length / 2] >> 20);
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            System.out.printf("%n  sizes: JSON %,d B, CSV %,d B, PDF %,d B, %d pages, %,d objects%n%n",
                    canonical.length, csv.length, pdf.length, document.getNumberOfPages(),
                    document.getDocument().getXrefTable().size());
        }
    }

    /** Bytes the calling thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocatedBytes(ThreadMXBean threads) {
        if (threads instanceof com.sun.management.ThreadMXBean counting
                && counting.isThreadAllocatedMemoryEnabled()) {
            return counting.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
