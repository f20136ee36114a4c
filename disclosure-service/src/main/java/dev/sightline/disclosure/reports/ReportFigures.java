package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import dev.sightline.disclosure.snapshot.Figures.Breakdown;
import dev.sightline.disclosure.snapshot.Figures.Counts;
import dev.sightline.disclosure.snapshot.Figures.DataAccess;
import dev.sightline.disclosure.snapshot.Figures.KindCount;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Figures.ValueCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a report as rows (section, metric, dimension, value): the CSV is exactly these rows and the PDF
 * tables print exactly these values, so the three formats cannot drift from the JSON they are drawn from.
 */
public final class ReportFigures {
    /** One figure. {@code value} is a number, except threshold statuses. */
    public record Figure(String section, String metric, String dimension, String value) {
    }

    private ReportFigures() {
    }

    public static List<Figure> of(Report report) {
        List<Figure> figures = new ArrayList<>();
        for (DisclosedPartnership p : report.partnerships()) {
            String ref = p.reference();
            activity(figures, ref + " / user-data access", p.dataAccess());
            if (p.governance() != null) {
                activity(figures, ref + " / governance activity", p.governance());
            }
            String compliance = ref + " / compliance";
            long violations = 0;
            for (KindCount v : p.compliance().violations()) {
                violations += v.count();
                figures.add(new Figure(compliance, "violations", "kind=" + v.kind(), Long.toString(v.count())));
            }
            figures.add(new Figure(compliance, "violations", "total", Long.toString(violations)));
            figures.add(new Figure(compliance, "pendingVerdicts", "total",
                    Long.toString(p.compliance().pendingVerdicts())));
            if (p.unclassified() != null) {
                // entries the analytics could not classify: in none of the figures of this partnership
                figures.add(new Figure(compliance, "unclassified", "total", Long.toString(p.unclassified())));
            }
            for (ThresholdResult t : p.thresholds()) {
                String dimension = t.regime() + "/" + t.category()
                        + (t.aggregation() == null ? "" : "/aggregation=" + t.aggregation())
                        + (t.counterparty() == null ? "" : "/counterparty=" + t.counterparty())
                        + "/threshold" + (t.comparator() == null ? "=" : t.comparator()) + t.threshold();
                figures.add(new Figure(ref + " / thresholds", "distinctSubjects", dimension, Long.toString(t.count())));
                if (t.partnershipCount() != null) {
                    figures.add(new Figure(ref + " / thresholds", "distinctSubjectsOfThisPartnership", dimension,
                            Long.toString(t.partnershipCount())));
                }
                figures.add(new Figure(ref + " / thresholds", "status", dimension, t.status()));
                if (t.consequence() != null && t.status().equals("EXCEEDED")) {
                    figures.add(new Figure(ref + " / thresholds", "consequence", dimension, t.consequence()));
                }
            }
        }
        AuthorityRequests authority = report.authorityRequests();
        figures.add(new Figure("authority requests", "requests", "total", Long.toString(authority.total())));
        authority(figures, "country", authority.byCountry());
        authority(figures, "legalInstrument", authority.byLegalInstrument());
        authority(figures, "disposition", authority.byDisposition());
        figures.add(new Figure("attestation", "checkpointSize", "total",
                Long.toString(report.attestation().checkpoint().size())));
        return figures;
    }

    /** Totals and every breakdown of one activity (user-data access, or governance activity apart from it). */
    private static void activity(List<Figure> figures, String section, DataAccess activity) {
        counts(figures, section, "total", activity.totals());
        for (Breakdown breakdown : activity.breakdowns()) {
            for (Counts group : breakdown.groups()) {
                counts(figures, section, breakdown.dimension() + "=" + (group.value() == null ? "(none)" : group.value()),
                        group);
            }
        }
    }

    private static void counts(List<Figure> figures, String section, String dimension, Counts counts) {
        figures.add(new Figure(section, "events", dimension, Long.toString(counts.events())));
        figures.add(new Figure(section, "records", dimension, Long.toString(counts.records())));
        figures.add(new Figure(section, "subjects", dimension, Long.toString(counts.subjects())));
    }

    private static void authority(List<Figure> figures, String dimension, List<ValueCount> counts) {
        for (ValueCount c : counts) {
            figures.add(new Figure("authority requests", "requests", dimension + "=" + c.value(),
                    Long.toString(c.count())));
        }
    }
}
