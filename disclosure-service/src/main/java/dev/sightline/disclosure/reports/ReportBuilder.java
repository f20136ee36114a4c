package dev.sightline.disclosure.reports;

import dev.sightline.disclosure.reports.Report.Attestation;
import dev.sightline.disclosure.reports.Report.Compliance;
import dev.sightline.disclosure.reports.Report.DisclosedAiSystem;
import dev.sightline.disclosure.reports.Report.DisclosedPartnership;
import dev.sightline.disclosure.reports.Report.TemplateRef;
import dev.sightline.disclosure.reports.Templates.Template;
import dev.sightline.disclosure.snapshot.Figures.PartnershipFigures;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Partnership;
import dev.sightline.disclosure.snapshot.Partnership.AiSystem;
import dev.sightline.disclosure.snapshot.PartnershipFacts;
import dev.sightline.disclosure.snapshot.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Renders a snapshot through a jurisdiction template into the report: the one document that is digested, signed
 * and served, and from which the CSV and the PDF are drawn. The template decides which legal bases, assessments,
 * filings and threshold regimes a partnership shows, and the duties attached to each AI system.
 */
@ApplicationScoped
public class ReportBuilder {
    /** The facts of a report that do not come from the snapshot. */
    public record Header(UUID id, int version, String jurisdiction, Instant periodStart, Instant periodEnd,
            Instant generatedAt, String authoredBy, UUID supersedes) {
    }

    public Report build(Header header, Template template, Snapshot snapshot) {
        List<DisclosedPartnership> partnerships = snapshot.partnerships().stream()
                .map(p -> partnership(p, template, snapshot.figures().of(p.partnership().id()))).toList();
        ZoneId zone = template.zone();
        return new Report(Report.SCHEMA_ID, header.id(), header.version(), header.jurisdiction(),
                header.periodStart(), header.periodEnd(), zone.getId(),
                ReportingPeriod.local(header.periodStart(), zone), ReportingPeriod.local(header.periodEnd(), zone),
                template.title(),
                new TemplateRef(template.id(), template.version()), snapshot.figures().ruleSetVersion(),
                template.legalFrame(), header.generatedAt(), header.authoredBy(), header.supersedes(), null,
                snapshot.asOf(), partnerships, snapshot.figures().authorityRequests(),
                new Attestation(snapshot.checkpoint(), snapshot.previous()));
    }

    private static DisclosedPartnership partnership(PartnershipFacts facts, Template template,
            PartnershipFigures figures) {
        Partnership p = facts.partnership();
        List<DisclosedAiSystem> systems = p.aiSystems().stream().map(s -> aiSystem(s, template)).toList();
        List<ThresholdResult> thresholds = figures.thresholds().results().stream()
                .filter(r -> template.thresholdRegimes().contains(r.regime())).toList();
        return new DisclosedPartnership(p.id(), p.reference(), p.title(), p.status(), p.effectiveFrom(),
                p.effectiveTo(), p.revision(), p.markets(), facts.partner(), systems, p.features(), p.dataPolicy(),
                p.transfers(), keep(p.legalBases(), Partnership.LegalBasis::jurisdiction,
                        template.legalBasisJurisdictions()),
                keep(p.assessments(), Partnership.Assessment::type, template.assessmentTypes()),
                keep(p.filings(), Partnership.Filing::type, template.filingTypes()), p.publicCommitments(),
                facts.statusChanges(), figures.stats(), figures.governance(), figures.unclassified(), new Compliance(figures.violations(), figures.pendingVerdicts()),
                thresholds);
    }

    private static DisclosedAiSystem aiSystem(AiSystem system, Template template) {
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
}
