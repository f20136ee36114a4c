package dev.sightline.partnership.partnerships.domain;

import dev.sightline.support.problem.Problem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a partnership manager writes down: the terms (reference, title, owner, partner, effective dates), the
 * scope (AI systems, features, markets), the data policy and the compliance record (transfers, legal bases,
 * assessments, filings, public commitments). Absent lists are empty and an absent policy is
 * {@link DataPolicy#UNDECIDED}; activation decides what must be filled in. Build one with {@link #builder()}.
 */
public record PartnershipContent(String reference, String title, String description, String owner,
        LocalDate effectiveFrom, LocalDate effectiveTo, UUID partnerId, List<AiSystem> aiSystems,
        List<Feature> features, List<String> markets, DataPolicy dataPolicy, List<Transfer> transfers,
        List<LegalBasis> legalBases, List<Assessment> assessments, List<Filing> filings,
        List<String> publicCommitments) {

    public PartnershipContent {
        aiSystems = DataPolicy.orEmpty(aiSystems);
        features = DataPolicy.orEmpty(features);
        markets = DataPolicy.orEmpty(markets);
        dataPolicy = dataPolicy == null ? DataPolicy.UNDECIDED : dataPolicy;
        transfers = DataPolicy.orEmpty(transfers);
        legalBases = DataPolicy.orEmpty(legalBases);
        assessments = DataPolicy.orEmpty(assessments);
        filings = DataPolicy.orEmpty(filings);
        publicCommitments = DataPolicy.orEmpty(publicCommitments);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The distinct risk classes of its AI systems, in declaration order of the enum. */
    public List<RiskClass> riskClasses() {
        return aiSystems.stream().map(AiSystem::riskClass).distinct().sorted().toList();
    }

    /**
     * Contradictions between fields that no single field shows: an end before the start, a category both allowed
     * and forbidden, a feature key or market listed twice.
     */
    public List<FieldError> inconsistencies() {
        List<FieldError> errors = new ArrayList<>();
        if (effectiveFrom != null && effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            errors.add(new FieldError("effectiveTo", "must not be before effectiveFrom"));
        }
        List<String> forbidden = dataPolicy.forbiddenCategories();
        for (int i = 0; i < forbidden.size(); i++) {
            if (dataPolicy.allowedCategories().contains(forbidden.get(i))) {
                errors.add(new FieldError("dataPolicy.forbiddenCategories[" + i + "]", "is also an allowed category"));
            }
        }
        duplicates(features, Feature::key, "features", ".key", errors);
        duplicates(markets, Function.identity(), "markets", "", errors);
        return errors;
    }

    private static <T> void duplicates(List<T> items, Function<T, String> key, String field, String suffix,
            List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(key.apply(items.get(i)))) {
                errors.add(new FieldError(field + "[" + i + "]" + suffix, "is listed twice"));
            }
        }
    }

    /** Names every part, so no two of the many same-typed ones can be swapped by position. */
    public static final class Builder {
        private String reference;
        private String title;
        private String description;
        private String owner;
        private LocalDate effectiveFrom;
        private LocalDate effectiveTo;
        private UUID partnerId;
        private List<AiSystem> aiSystems;
        private List<Feature> features;
        private List<String> markets;
        private DataPolicy dataPolicy;
        private List<Transfer> transfers;
        private List<LegalBasis> legalBases;
        private List<Assessment> assessments;
        private List<Filing> filings;
        private List<String> publicCommitments;

        private Builder() {
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder effectiveFrom(LocalDate effectiveFrom) {
            this.effectiveFrom = effectiveFrom;
            return this;
        }

        public Builder effectiveTo(LocalDate effectiveTo) {
            this.effectiveTo = effectiveTo;
            return this;
        }

        public Builder partnerId(UUID partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder aiSystems(List<AiSystem> aiSystems) {
            this.aiSystems = aiSystems;
            return this;
        }

        public Builder features(List<Feature> features) {
            this.features = features;
            return this;
        }

        public Builder markets(List<String> markets) {
            this.markets = markets;
            return this;
        }

        public Builder dataPolicy(DataPolicy dataPolicy) {
            this.dataPolicy = dataPolicy;
            return this;
        }

        public Builder transfers(List<Transfer> transfers) {
            this.transfers = transfers;
            return this;
        }

        public Builder legalBases(List<LegalBasis> legalBases) {
            this.legalBases = legalBases;
            return this;
        }

        public Builder assessments(List<Assessment> assessments) {
            this.assessments = assessments;
            return this;
        }

        public Builder filings(List<Filing> filings) {
            this.filings = filings;
            return this;
        }

        public Builder publicCommitments(List<String> publicCommitments) {
            this.publicCommitments = publicCommitments;
            return this;
        }

        public PartnershipContent build() {
            return new PartnershipContent(reference, title, description, owner, effectiveFrom, effectiveTo,
                    partnerId, aiSystems, features, markets, dataPolicy, transfers, legalBases, assessments, filings,
                    publicCommitments);
        }
    }
}
