package dev.sightline.partnership.partnerships.rest;

import dev.sightline.partnership.partnerships.domain.PartnershipRecord;
import dev.sightline.partnership.partnerships.rest.dto.AiSystem;
import dev.sightline.partnership.partnerships.rest.dto.Assessment;
import dev.sightline.partnership.partnerships.rest.dto.DataPolicy;
import dev.sightline.partnership.partnerships.rest.dto.Feature;
import dev.sightline.partnership.partnerships.rest.dto.Filing;
import dev.sightline.partnership.partnerships.rest.dto.LegalBasis;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipView;
import dev.sightline.partnership.partnerships.rest.dto.StatusChange;
import dev.sightline.partnership.partnerships.rest.dto.Transfer;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the domain's {@link PartnershipRecord} out to the API's {@link PartnershipView}. (The domain's part types
 * share their names with the view's, so they appear here only through the record's accessors.)
 */
public final class PartnershipViewMapper {
    private PartnershipViewMapper() {
    }

    public static PartnershipView view(PartnershipRecord record) {
        var c = record.content();
        var policy = c.dataPolicy();
        var last = record.lastTransition();
        return PartnershipView.builder()
                .id(record.id())
                .reference(c.reference())
                .title(c.title())
                .description(c.description())
                .owner(c.owner())
                .effectiveFrom(c.effectiveFrom())
                .effectiveTo(c.effectiveTo())
                .partnerId(c.partnerId())
                .status(record.status())
                .aiSystems(map(c.aiSystems(), s -> new AiSystem(s.name(), s.provider(), s.version(), s.riskClass(),
                        s.generalPurpose())))
                .features(map(c.features(), f -> new Feature(f.key(), f.name(), f.purpose())))
                .markets(c.markets())
                .dataPolicy(new DataPolicy(policy.allowedCategories(), policy.forbiddenCategories(),
                        policy.allowedModes(), policy.allowedCountries(), policy.allowedPurposes(),
                        policy.retentionDays(), policy.sensitiveAllowed()))
                .transfers(map(c.transfers(), t -> new Transfer(t.fromRegion(), t.toCountry(), t.mechanism(),
                        t.reference())))
                .legalBases(map(c.legalBases(), b -> new LegalBasis(b.jurisdiction(), b.basis(), b.notes())))
                .assessments(map(c.assessments(), a -> new Assessment(a.type(), a.status(), a.date(), a.reviewer(),
                        a.approver(), a.nextReview(), a.reference())))
                .filings(map(c.filings(), f -> new Filing(f.type(), f.number(), f.date())))
                .publicCommitments(c.publicCommitments())
                .revision(record.revision())
                .createdAt(record.created().at())
                .createdBy(record.created().by())
                .updatedAt(record.updated().at())
                .updatedBy(record.updated().by())
                .lastTransition(last == null ? null
                        : new StatusChange(last.from(), last.to(), last.actor(), last.reason(), last.at()))
                .build();
    }

    private static <A, B> List<B> map(List<A> items, Function<A, B> mapping) {
        return items.stream().map(mapping).toList();
    }
}
