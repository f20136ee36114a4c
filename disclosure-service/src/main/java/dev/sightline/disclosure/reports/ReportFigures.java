package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.reports.Report.Violation;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import dev.sightline.disclosure.snapshot.Figures.Breakdown;
import dev.sightline.disclosure.snapshot.Figures.Counts;
import dev.sightline.disclosure.snapshot.Figures.DataAccess;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Figures.ValueCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a report as rows, one figure each: the CSV is exactly these rows and the PDF tables print exactly
 * these values, so the three formats cannot drift from the JSON they are drawn from.
 */
public final class ReportFigures {
    /** Section keys, as labelled under {@code section.<key>}. */
    public static final String DATA_ACCESS = "dataAccess";
    public static final String GOVERNANCE = "governance";
    public static final String COMPLIANCE = "compliance";
    public static final String THRESHOLDS = "thresholds";
    public static final String AUTHORITY = "authorityRequests";
    public static final String LOG = "logAttestation";

    /**
     * One figure.
     *
     * @param partnership the partnership's reference; empty for figures of the whole report
     * @param dimension the dimension's key ({@code category}, {@code mode} ...), {@code total} for a total
     * @param dimensionValue the dimension's value ({@code user.content.text}); empty for a total
     * @param value a number, except threshold statuses and consequences
     * @param unit what the number counts; empty for a status
     */
    public record Figure(String partnership, String section, String metric, String dimension, String dimensionValue,
            String value, String unit) {
    }

    private ReportFigures() {
    }

    public static List<Figure> of(Report report) {
        List<Figure> figures = new ArrayList<>();
        for (DisclosedPartnership p : report.partnerships()) {
            String ref = p.reference();
            activity(figures, ref, DATA_ACCESS, p.dataAccess());
            if (p.governance() != null) {
                activity(figures, ref, GOVERNANCE, p.governance());
            }
            long violations = 0;
            for (Violation v : p.compliance().violations()) {
                violations += v.count();
                figures.add(new Figure(ref, COMPLIANCE, "violations", "kind", v.kind(), Long.toString(v.count()),
                        "events"));
            }
            figures.add(new Figure(ref, COMPLIANCE, "violations", "total", "", Long.toString(violations), "events"));
            figures.add(new Figure(ref, COMPLIANCE, "pendingVerdicts", "total", "",
                    Long.toString(p.compliance().pendingVerdicts()), "events"));
            if (p.unclassified() != null) {
                // entries the analytics could not classify: in none of the figures of this partnership
                figures.add(new Figure(ref, COMPLIANCE, "unclassified", "total", "", Long.toString(p.unclassified()),
                        "log entries"));
            }
            for (ThresholdResult t : p.thresholds()) {
                String threshold = threshold(t);
                figures.add(new Figure(ref, THRESHOLDS, "distinctSubjects", "threshold", threshold,
                        Long.toString(t.count()), "distinct subjects"));
                if (t.partnershipCount() != null) {
                    figures.add(new Figure(ref, THRESHOLDS, "distinctSubjectsOfThisPartnership", "threshold",
                            threshold, Long.toString(t.partnershipCount()), "distinct subjects"));
                }
                if (t.inferredFromMarkets() != null) {
                    figures.add(new Figure(ref, THRESHOLDS, "inferredFromMarkets", "threshold", threshold,
                            Long.toString(t.inferredFromMarkets()), "distinct subjects"));
                }
                figures.add(new Figure(ref, THRESHOLDS, "status", "threshold", threshold, t.status(), ""));
                if (t.consequence() != null && t.status().equals("EXCEEDED")) {
                    figures.add(new Figure(ref, THRESHOLDS, "consequence", "threshold", threshold, t.consequence(),
                            ""));
                }
            }
        }
        AuthorityRequests authority = report.authorityRequests();
        figures.add(new Figure("", AUTHORITY, "requests", "total", "", Long.toString(authority.total()), "requests"));
        authority(figures, "country", authority.byCountry());
        authority(figures, "legalInstrument", authority.byLegalInstrument());
        authority(figures, "disposition", authority.byDisposition());
        figures.add(new Figure("", LOG, "checkpointSize", "total", "",
                Long.toString(report.attestation().checkpoint().size()), "log entries"));
        return figures;
    }

    /** A threshold result's identity: regime, category, aggregation, counterparty, comparator and number. */
    static String threshold(ThresholdResult t) {
        return t.regime() + "/" + t.category() + (t.aggregation() == null ? "" : "/aggregation=" + t.aggregation())
                + (t.counterparty() == null ? "" : "/counterparty=" + t.counterparty())
                + "/threshold" + (t.comparator() == null ? "=" : t.comparator()) + t.threshold();
    }

    /** Totals and every breakdown of one activity (user-data access, or governance activity apart from it). */
    private static void activity(List<Figure> figures, String ref, String section, DataAccess activity) {
        counts(figures, ref, section, "total", "", activity.totals());
        for (Breakdown breakdown : activity.breakdowns()) {
            for (Counts group : breakdown.groups()) {
                counts(figures, ref, section, breakdown.dimension(), group.value() == null ? "(none)" : group.value(),
                        group);
            }
        }
    }

    private static void counts(List<Figure> figures, String ref, String section, String dimension, String value,
            Counts counts) {
        figures.add(new Figure(ref, section, "events", dimension, value, Long.toString(counts.events()), "events"));
        figures.add(new Figure(ref, section, "records", dimension, value, Long.toString(counts.records()), "records"));
        figures.add(new Figure(ref, section, "subjects", dimension, value, Long.toString(counts.subjects()),
                "distinct subjects"));
    }

    private static void authority(List<Figure> figures, String dimension, List<ValueCount> counts) {
        for (ValueCount c : counts) {
            figures.add(new Figure("", AUTHORITY, "requests", dimension, c.value(), Long.toString(c.count()),
                    "requests"));
        }
    }
}
