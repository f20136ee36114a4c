package dev.sightline.partnership.partnerships.domain;

import dev.sightline.partnership.jurisdictions.Jurisdictions;
import dev.sightline.partnership.taxonomy.Taxonomy;
import dev.sightline.support.problem.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a partnership must have before it may go (or stay) ACTIVE. Every rule adds what is missing, so a
 * refusal lists everything to fix at once:
 * <ul>
 * <li>scope: AI systems, features, markets, an effective start, an end not already past;</li>
 * <li>a complete data policy (categories, modes, processing countries, purposes, retention, the sensitive-data
 * decision) that does not allow sensitive categories while saying it does not. The countries cover on-device
 * processing too: it happens in the user's country, and access events are judged by their processing country
 * whatever the mode;</li>
 * <li>a transfer with a fitting mechanism for every cross-border flow the policy allows: each market (or
 * region) to each allowed processing country outside its area, whenever a cloud mode is allowed. The EEA (the EU
 * and Iceland, Liechtenstein, Norway) is one area, so DE → FR is no transfer. EEA origins need EU_SCC, ADEQUACY or
 * BCR; CN origins a CN mechanism; other origins any mechanism but NONE;</li>
 * <li>approved assessments, not overdue for review: DPIA for EU markets with sensitive data, TIA for flows out
 * of the EEA not covered by adequacy, AI_ACT_CONFORMITY for high-risk AI systems in the EU (prohibited ones
 * never go live there), PIPL_PIPIA for CN markets with flows out of CN or PIPL-sensitive data, CCPA_RISK for US
 * markets with CCPA-sensitive data;</li>
 * <li>no partner cloud access to US bulk-data categories in US markets when the partner is a covered person
 * under the US bulk-data rule;</li>
 * <li>for every regulatory volume threshold the company's data already crosses (the audit-service's count: the
 * whole company's, or the same counterparty's), a transfer with a mechanism that covers what the crossing requires
 * for every flow out of the threshold's origin that carries data it counts; none when the crossing makes such a
 * transfer prohibited. The audit-service holds running partnerships to the same rule (VOLUME_NOT_COVERED).</li>
 * </ul>
 */
@ApplicationScoped
public class ActivationGate {
    static final Set<TransferMechanism> EU_MECHANISMS = EnumSet.of(TransferMechanism.EU_SCC,
            TransferMechanism.ADEQUACY, TransferMechanism.BCR);
    static final Set<TransferMechanism> CN_MECHANISMS = EnumSet.of(TransferMechanism.CN_STANDARD_CONTRACT,
            TransferMechanism.CN_SECURITY_ASSESSMENT, TransferMechanism.CN_CERTIFICATION);

    /** What the gate needs to know about the partner. */
    public record PartnerFacts(String legalName, boolean coveredPerson) {
    }

    /** Data moving from a market (country or region) to a processing country outside it. */
    record Flow(String from, String to) {
        @Override
        public String toString() {
            return from + " → " + to;
        }
    }

    private final Taxonomy taxonomy;
    private final Jurisdictions jurisdictions;

    ActivationGate(Taxonomy taxonomy, Jurisdictions jurisdictions) {
        this.taxonomy = taxonomy;
        this.jurisdictions = jurisdictions;
    }

    /** Everything missing for ACTIVE on {@code today}; empty when the partnership may be active. */
    public List<FieldError> missingForActive(PartnershipContent p, PartnerFacts partner, LocalDate today,
            List<VolumeCrossing> crossings) {
        List<FieldError> missing = new ArrayList<>();
        checkScope(p, today, missing);
        DataPolicy policy = p.dataPolicy();
        checkPolicy(policy, missing);

        Set<String> permitted = taxonomy.permitted(policy.allowedCategories(), policy.forbiddenCategories());
        List<String> sensitive = permitted.stream().filter(k -> taxonomy.sensitiveKeys().contains(k)).toList();
        boolean sensitiveData = Boolean.TRUE.equals(policy.sensitiveAllowed()) || !sensitive.isEmpty();
        boolean euMarket = p.markets().stream().anyMatch(jurisdictions::inEu);
        boolean cnMarket = p.markets().contains("CN");
        boolean usMarket = p.markets().contains("US");

        Map<Flow, Optional<Transfer>> flows = checkTransfers(p, missing);

        if (euMarket && sensitiveData) {
            requireAssessment(p, AssessmentType.DPIA, "EU market with sensitive data", today, missing);
        }
        boolean flowOutOfEeaWithoutAdequacy = flows.entrySet().stream()
                .anyMatch(f -> jurisdictions.inEea(f.getKey().from()) && f.getValue()
                        .map(t -> t.mechanism() != TransferMechanism.ADEQUACY).orElse(true));
        if (flowOutOfEeaWithoutAdequacy) {
            requireAssessment(p, AssessmentType.TIA, "transfers out of the EEA not covered by an adequacy decision",
                    today, missing);
        }
        for (int i = 0; i < p.aiSystems().size(); i++) {
            RiskClass risk = p.aiSystems().get(i).riskClass();
            if (euMarket && risk == RiskClass.PROHIBITED) {
                missing.add(new FieldError("aiSystems[" + i + "].riskClass",
                        "a PROHIBITED AI practice cannot go live in an EU market"));
            }
        }
        if (euMarket && p.aiSystems().stream().anyMatch(s -> s.riskClass() == RiskClass.HIGH)) {
            requireAssessment(p, AssessmentType.AI_ACT_CONFORMITY, "high-risk AI system in an EU market", today,
                    missing);
        }
        List<String> piplSensitive = taxonomy.permitted(policy.allowedCategories(), policy.forbiddenCategories(),
                Taxonomy.Category::piplSensitive);
        boolean flowOutOfCn = flows.keySet().stream().anyMatch(f -> f.from().equals("CN"));
        if (cnMarket && (flowOutOfCn || !piplSensitive.isEmpty())) {
            requireAssessment(p, AssessmentType.PIPL_PIPIA,
                    flowOutOfCn ? "personal information leaves China" : "sensitive personal information under PIPL",
                    today, missing);
        }
        List<String> ccpaSensitive = taxonomy.permitted(policy.allowedCategories(), policy.forbiddenCategories(),
                Taxonomy.Category::ccpaSensitive);
        if (usMarket && !ccpaSensitive.isEmpty()) {
            requireAssessment(p, AssessmentType.CCPA_RISK, "US market with CCPA sensitive personal information "
                    + ccpaSensitive, today, missing);
        }
        if (usMarket && partner.coveredPerson() && policy.allowedModes().contains(ProcessingMode.PARTNER_CLOUD)) {
            List<String> bulk = taxonomy.permitted(policy.allowedCategories(), policy.forbiddenCategories(),
                    c -> c.usBulkData() != null);
            if (!bulk.isEmpty()) {
                missing.add(new FieldError("dataPolicy.allowedCategories", partner.legalName()
                        + " is a covered person under the US bulk-data rule: PARTNER_CLOUD processing must not"
                        + " reach US bulk-data categories " + bulk));
            }
        }
        checkVolume(p, flows.keySet(), crossings, missing);
        return missing;
    }

    /** Each crossing that concerns this partnership's flows needs a transfer whose mechanism covers it. */
    private void checkVolume(PartnershipContent p, Set<Flow> flows, List<VolumeCrossing> crossings,
            List<FieldError> missing) {
        Set<String> permitted = taxonomy.permitted(p.dataPolicy().allowedCategories(),
                p.dataPolicy().forbiddenCategories());
        Set<String> reported = new LinkedHashSet<>();
        for (VolumeCrossing crossing : crossings) {
            if (crossing.counterparty() != null && !crossing.counterparty().equals(p.partnerId())
                    || permitted.stream().noneMatch(crossing::counts)) {
                continue;
            }
            for (Flow flow : flows) {
                if (crossing.transfersFrom().stream().noneMatch(origin -> jurisdictions.includes(origin, flow.from()))) {
                    continue;
                }
                boolean covered = !crossing.coveredBy().isEmpty() && p.transfers().stream()
                        .anyMatch(t -> t.toCountry().equals(flow.to()) && jurisdictions.includes(t.fromRegion(),
                                flow.from()) && crossing.coveredBy().contains(t.mechanism()));
                if (covered) {
                    continue;
                }
                String message = crossing.coveredBy().isEmpty()
                        ? "the flow " + flow + " would be prohibited: " + crossing + " requires "
                                + crossing.consequence()
                        : "the flow " + flow + " needs one of " + crossing.coveredBy() + ": " + crossing + " requires "
                                + crossing.consequence();
                if (reported.add(message)) {
                    missing.add(new FieldError("transfers", message));
                }
            }
        }
    }

    private static void checkScope(PartnershipContent p, LocalDate today, List<FieldError> missing) {
        if (p.aiSystems().isEmpty()) {
            missing.add(new FieldError("aiSystems", "must name at least one AI system"));
        }
        if (p.features().isEmpty()) {
            missing.add(new FieldError("features", "must name at least one feature"));
        }
        if (p.markets().isEmpty()) {
            missing.add(new FieldError("markets", "must name at least one market"));
        }
        if (p.effectiveFrom() == null) {
            missing.add(new FieldError("effectiveFrom", "must be set"));
        }
        if (p.effectiveTo() != null && p.effectiveTo().isBefore(today)) {
            missing.add(new FieldError("effectiveTo", "has passed (" + p.effectiveTo() + ")"));
        }
    }

    private void checkPolicy(DataPolicy policy, List<FieldError> missing) {
        if (policy.allowedCategories().isEmpty()) {
            missing.add(new FieldError("dataPolicy.allowedCategories", "must allow at least one data category"));
        }
        if (policy.allowedModes().isEmpty()) {
            missing.add(new FieldError("dataPolicy.allowedModes", "must allow at least one processing mode"));
        }
        if (!policy.allowedModes().isEmpty() && policy.allowedCountries().isEmpty()) {
            missing.add(new FieldError("dataPolicy.allowedCountries",
                    "must name the countries where processing may happen, the users' own for ON_DEVICE too"));
        }
        if (policy.allowedPurposes().isEmpty()) {
            missing.add(new FieldError("dataPolicy.allowedPurposes", "must allow at least one purpose"));
        }
        if (policy.retentionDays() == null) {
            missing.add(new FieldError("dataPolicy.retentionDays", "must be set"));
        }
        if (policy.sensitiveAllowed() == null) {
            missing.add(new FieldError("dataPolicy.sensitiveAllowed", "must be decided (true or false)"));
        }
        if (Boolean.FALSE.equals(policy.sensitiveAllowed())) {
            List<String> sensitive = taxonomy.permitted(policy.allowedCategories(), policy.forbiddenCategories(),
                    Taxonomy.Category::sensitive);
            if (!sensitive.isEmpty()) {
                missing.add(new FieldError("dataPolicy.sensitiveAllowed",
                        "is false but the allowed categories let sensitive ones through: " + sensitive));
            }
        }
    }

    /** Every cross-border flow the policy allows, with the transfer that covers it (empty when none does). */
    private Map<Flow, Optional<Transfer>> checkTransfers(PartnershipContent p, List<FieldError> missing) {
        DataPolicy policy = p.dataPolicy();
        Map<Flow, Optional<Transfer>> flows = new LinkedHashMap<>();
        if (!policy.leavesDevice()) {
            return flows;
        }
        Set<Flow> seen = new LinkedHashSet<>();
        for (String market : p.markets()) {
            for (String country : policy.allowedCountries()) {
                if (jurisdictions.withinOneArea(market, country) || !seen.add(new Flow(market, country))) {
                    continue;
                }
                Flow flow = new Flow(market, country);
                Set<TransferMechanism> fitting = fittingMechanisms(market);
                Optional<Transfer> transfer = p.transfers().stream()
                        .filter(t -> t.toCountry().equals(country) && jurisdictions.includes(t.fromRegion(), market))
                        .filter(t -> fitting.contains(t.mechanism()))
                        .findFirst();
                flows.put(flow, transfer);
                if (transfer.isEmpty()) {
                    missing.add(new FieldError("transfers", "no transfer mechanism for the flow " + flow
                            + " (needs one of " + fitting + ")"));
                }
            }
        }
        return flows;
    }

    private Set<TransferMechanism> fittingMechanisms(String origin) {
        if (jurisdictions.inEea(origin)) {
            return EU_MECHANISMS;
        }
        if (origin.equals("CN")) {
            return CN_MECHANISMS;
        }
        Set<TransferMechanism> any = EnumSet.allOf(TransferMechanism.class);
        any.remove(TransferMechanism.NONE);
        return any;
    }

    private static void requireAssessment(PartnershipContent p, AssessmentType type, String because, LocalDate today,
            List<FieldError> missing) {
        List<Assessment> approved = p.assessments().stream()
                .filter(a -> a.type() == type && a.approved()).toList();
        if (approved.isEmpty()) {
            missing.add(new FieldError("assessments", "an approved " + type + " is required: " + because));
        } else if (approved.stream().allMatch(a -> a.overdueOn(today))) {
            missing.add(new FieldError("assessments", "the approved " + type + " is overdue for review: " + because));
        }
    }
}
