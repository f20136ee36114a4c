package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.Accountability;
import dev.sightline.disclosure.reports.Report.Attestation;
import dev.sightline.disclosure.reports.Report.Compliance;
import dev.sightline.disclosure.reports.Report.Definition;
import dev.sightline.disclosure.reports.Report.DisclosedAiSystem;
import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.reports.Report.Methodology;
import dev.sightline.disclosure.reports.Report.PolicyClause;
import dev.sightline.disclosure.reports.Report.Scope;
import dev.sightline.disclosure.reports.Report.TemplateRef;
import dev.sightline.disclosure.reports.Report.Violation;
import dev.sightline.disclosure.reports.ReportText.ViolationRule;
import dev.sightline.disclosure.reports.Templates.Template;
import dev.sightline.disclosure.snapshot.Figures.KindCount;
import dev.sightline.disclosure.snapshot.Figures.PartnershipFigures;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Partnership;
import dev.sightline.disclosure.snapshot.Partnership.AiSystem;
import dev.sightline.disclosure.snapshot.Partnership.DataPolicy;
import dev.sightline.disclosure.snapshot.PartnershipFacts;
import dev.sightline.disclosure.snapshot.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Renders a snapshot through a jurisdiction template into the report: the one document that is digested, signed
 * and served, and from which the CSV and the PDF are drawn. The template decides which legal bases, assessments,
 * filings and threshold regimes a partnership shows, the duties attached to each AI system, the contact points
 * named and the languages; {@link ReportText} gives the words (methodology, limitations, labels).
 */
@ApplicationScoped
public class ReportBuilder {
    /** The facts of a report that do not come from the snapshot. */
    public record Header(UUID id, int version, String jurisdiction, Instant periodStart, Instant periodEnd,
            Instant generatedAt, String authoredBy, UUID supersedes, boolean provisional) {
    }

    private final ReportText text = ReportText.get();

    public Report build(Header header, Template template, Snapshot snapshot, Accountability accountability) {
        List<String> languages = template.languages();
        List<DisclosedPartnership> partnerships = snapshot.partnerships().stream()
                .map(p -> partnership(p, template, snapshot.figures().of(p.partnership().id()))).toList();
        ZoneId zone = template.zone();
        Map<String, Text> labels = new TreeMap<>();
        Report draft = new Report(Report.SCHEMA_ID, header.id(), header.version(), header.jurisdiction(),
                header.periodStart(), header.periodEnd(), zone.getId(),
                ReportingPeriod.local(header.periodStart(), zone), ReportingPeriod.local(header.periodEnd(), zone),
                template.title(), languages.contains("zh") ? template.titleZh() : null,
                new TemplateRef(template.id(), template.version()), snapshot.figures().ruleSetVersion(),
                template.legalFrame(), languages.contains("zh") ? template.legalFrameZh() : null, languages,
                header.provisional(), header.generatedAt(), header.authoredBy(), header.supersedes(), null,
                snapshot.asOf(), snapshot.figuresAsOf(), accountability, scope(snapshot, partnerships, languages),
                methodology(template, snapshot, languages), limitations(header, partnerships, languages),
                partnerships, snapshot.figures().authorityRequests(),
                new Attestation(snapshot.checkpoint(), snapshot.previous(), snapshot.logKey()), labels);
        for (String key : keys(draft)) {
            Text label = text.label(key);
            if (label != null) {
                labels.put(key, label.in(languages));
            }
        }
        return draft;
    }

    private Scope scope(Snapshot snapshot, List<DisclosedPartnership> partnerships, List<String> languages) {
        Set<String> features = new LinkedHashSet<>();
        Set<String> markets = new LinkedHashSet<>();
        for (DisclosedPartnership p : partnerships) {
            p.features().forEach(f -> features.add(f.key()));
            if (p.markets() != null) {
                markets.addAll(p.markets());
            }
        }
        List<String> sources = text.methodology().eventSources().stream().map(ReportText.EventSource::key).toList();
        return new Scope(partnerships.stream().map(DisclosedPartnership::reference).toList(), List.copyOf(features),
                List.copyOf(markets), sources, in(text.methodology().exclusions(), languages));
    }

    private Methodology methodology(Template template, Snapshot snapshot, List<String> languages) {
        ReportText.Methodology m = text.methodology();
        List<Definition> definitions = m.definitions().stream()
                .map(d -> new Definition(d.term(), d.text().in(languages))).toList();
        return new Methodology(definitions, in(m.countingRules(), languages), m.deduplication().in(languages),
                template.reportingTimeZone(), snapshot.figures().ruleSetVersion(), template.ruleSources());
    }

    private List<Text> limitations(Header header, List<DisclosedPartnership> partnerships, List<String> languages) {
        ReportText.Methodology m = text.methodology();
        List<Text> limitations = new ArrayList<>();
        if (header.provisional()) {
            limitations.add(m.provisionalLimitation());
        }
        limitations.addAll(m.limitations());
        if (partnerships.stream().anyMatch(p -> p.unclassified() != null && p.unclassified() > 0)) {
            limitations.add(m.unclassifiedLimitation());
        }
        if (partnerships.stream().anyMatch(p -> p.compliance().pendingVerdicts() > 0)) {
            limitations.add(m.pendingLimitation());
        }
        return in(limitations, languages);
    }

    private static List<Text> in(List<Text> texts, List<String> languages) {
        return texts.stream().map(t -> t.in(languages)).toList();
    }

    private DisclosedPartnership partnership(PartnershipFacts facts, Template template, PartnershipFigures figures) {
        Partnership p = facts.partnership();
        List<DisclosedAiSystem> systems = p.aiSystems().stream().map(s -> aiSystem(s, template)).toList();
        List<ThresholdResult> thresholds = figures.thresholds().results().stream()
                .filter(r -> template.thresholdRegimes().contains(r.regime())).toList();
        List<Violation> violations = figures.violations().stream().map(v -> violation(v, p)).toList();
        return new DisclosedPartnership(p.id(), p.reference(), p.title(), p.owner(), p.status(), p.effectiveFrom(),
                p.effectiveTo(), p.revision(), p.markets(), facts.partner(), systems, p.features(), p.dataPolicy(),
                p.transfers(), keep(p.legalBases(), Partnership.LegalBasis::jurisdiction,
                        template.legalBasisJurisdictions()),
                keep(p.assessments(), Partnership.Assessment::type, template.assessmentTypes()),
                keep(p.filings(), Partnership.Filing::type, template.filingTypes()), p.publicCommitments(),
                facts.statusChanges(), figures.stats(), figures.governance(), figures.unclassified(),
                new Compliance(violations, figures.pendingVerdicts()), thresholds);
    }

    /**
     * A kind of violation explained: the clause of the partnership's data policy it breaches, next to the public
     * commitments that speak of what the clause protects (found by the rule's words).
     */
    private Violation violation(KindCount v, Partnership p) {
        ViolationRule rule = text.violationRule(v.kind());
        PolicyClause clause = rule == null ? null : new PolicyClause(rule.clause(), terms(rule.clause(), p));
        List<String> contradicts = rule == null ? List.of() : p.publicCommitments().stream()
                .filter(c -> rule.words().stream().anyMatch(w -> c.toLowerCase(Locale.ROOT).contains(w)))
                .toList();
        return new Violation(v.kind(), v.count(), v.firstAt(), v.lastAt(), clause, contradicts, v.remediation());
    }

    /** What a clause of the partnership record said, as printed. */
    private static String terms(String clause, Partnership p) {
        DataPolicy policy = Objects.requireNonNullElse(p.dataPolicy(), DataPolicy.NONE);
        return switch (clause) {
            case "dataPolicy.allowedCategories" -> "allowed " + join(policy.allowedCategories()) + "; forbidden "
                    + join(policy.forbiddenCategories());
            case "dataPolicy.sensitiveAllowed" -> "sensitive data allowed: "
                    + (Boolean.TRUE.equals(policy.sensitiveAllowed()) ? "yes" : "no");
            case "dataPolicy.allowedModes" -> join(policy.allowedModes());
            case "dataPolicy.allowedCountries" -> join(policy.allowedCountries());
            case "dataPolicy.allowedPurposes" -> join(policy.allowedPurposes());
            case "status" -> "in force " + p.effectiveFrom() + " to " + (p.effectiveTo() == null ? "open"
                    : p.effectiveTo()) + " while ACTIVE";
            case "transfers" -> p.transfers().isEmpty() ? "none recorded" : String.join(", ", p.transfers().stream()
                    .map(t -> t.toCountry() + " " + t.mechanism()).toList());
            default -> "no partnership record";
        };
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "none" : String.join(", ", values);
    }

    private DisclosedAiSystem aiSystem(AiSystem system, Template template) {
        String duty = system.riskClass() == null ? null : template.riskClassDuties().get(system.riskClass());
        if (system.isGeneralPurpose() && template.generalPurposeDuty() != null) {
            duty = duty == null ? template.generalPurposeDuty() : duty + "; " + template.generalPurposeDuty();
        }
        return new DisclosedAiSystem(system.name(), system.provider(), system.version(), system.riskClass(),
                system.generalPurpose(), duty);
    }

    /** The items whose field the template reports, in their order. */
    private static <T> List<T> keep(List<T> items, Function<T, String> field, Set<String> reported) {
        return items.stream().filter(item -> reported.contains(field.apply(item))).toList();
    }

    /** Every key the report shows a label for: field and section names, figures' keys and values, statuses. */
    private static Set<String> keys(Report report) {
        Set<String> keys = new LinkedHashSet<>(ReportText.get().labels().keySet().stream()
                .filter(k -> k.startsWith("section.") || k.startsWith("field.")).toList());
        for (ReportFigures.Figure f : ReportFigures.of(report)) {
            keys.add("metric." + f.metric());
            keys.add("dimension." + f.dimension());
            keys.add(f.dimensionValue());
            keys.add(f.value());
        }
        for (DisclosedPartnership p : report.partnerships()) {
            keys.add("status." + p.status());
            p.statusChanges().forEach(c -> {
                keys.add("status." + c.from());
                keys.add("status." + c.to());
            });
            p.transfers().forEach(t -> keys.add(t.mechanism()));
            p.assessments().forEach(a -> {
                keys.add(a.type());
                keys.add("status." + a.status());
            });
            p.filings().forEach(f -> keys.add(f.type()));
            p.aiSystems().forEach(s -> keys.add(s.riskClass()));
            p.compliance().violations().forEach(v -> {
                keys.add(v.kind());
                if (v.remediation() != null) {
                    keys.add("status." + v.remediation().status());
                }
            });
            p.thresholds().forEach(t -> {
                keys.add(t.regime());
                keys.add(t.category());
                keys.add(t.aggregation());
                keys.add(t.consequence());
                keys.add("status." + t.status());
            });
            if (p.dataPolicy() != null) {
                addAll(keys, p.dataPolicy().allowedCategories());
                addAll(keys, p.dataPolicy().forbiddenCategories());
                addAll(keys, p.dataPolicy().allowedModes());
            }
        }
        if (report.accountability() != null) {
            report.accountability().contacts().forEach(c -> keys.add("role." + c.role()));
        }
        for (String status : List.of("DRAFT", "PUBLISHED", "SUPERSEDED", "WITHDRAWN")) {
            keys.add("status." + status);
            keys.add("standing." + status);
        }
        keys.add("standing.CURRENT");
        keys.add("standing.OVERLAPPED");
        keys.remove(null);
        return keys;
    }

    private static void addAll(Set<String> keys, List<String> values) {
        if (values != null) {
            keys.addAll(values);
        }
    }
}
