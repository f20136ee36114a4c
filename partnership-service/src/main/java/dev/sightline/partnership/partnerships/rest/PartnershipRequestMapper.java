package dev.sightline.partnership.partnerships.rest;

import dev.sightline.partnership.partnerships.domain.AiSystem;
import dev.sightline.partnership.partnerships.domain.Assessment;
import dev.sightline.partnership.partnerships.domain.DataPolicy;
import dev.sightline.partnership.partnerships.domain.Feature;
import dev.sightline.partnership.partnerships.domain.Filing;
import dev.sightline.partnership.partnerships.domain.LegalBasis;
import dev.sightline.partnership.partnerships.domain.PartnershipContent;
import dev.sightline.partnership.partnerships.domain.Transfer;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Maps a validated {@link PartnershipRequest} into the domain's {@link PartnershipContent}, once, at the edge of
 * the service. (The request's part types share their names with the domain's, so they appear here only through
 * the request's accessors.)
 */
public final class PartnershipRequestMapper {
    private PartnershipRequestMapper() {
    }

    public static PartnershipContent content(PartnershipRequest r) {
        var policy = r.dataPolicy();
        return PartnershipContent.builder()
                .reference(r.reference())
                .title(r.title().strip())
                .description(r.description())
                .owner(r.owner().strip())
                .effectiveFrom(r.effectiveFrom())
                .effectiveTo(r.effectiveTo())
                .partnerId(r.partnerId())
                .aiSystems(map(r.aiSystems(), s -> new AiSystem(s.name(), s.provider(), s.version(), s.riskClass(),
                        s.generalPurpose())))
                .features(map(r.features(), f -> new Feature(f.key(), f.name(), f.purpose())))
                .markets(r.markets())
                .dataPolicy(policy == null ? null : new DataPolicy(policy.allowedCategories(),
                        policy.forbiddenCategories(), policy.allowedModes(), policy.allowedCountries(),
                        policy.allowedPurposes(), policy.retentionDays(), policy.sensitiveAllowed()))
                .transfers(map(r.transfers(), t -> new Transfer(t.fromRegion(), t.toCountry(), t.mechanism(),
                        t.reference())))
                .legalBases(map(r.legalBases(), b -> new LegalBasis(b.jurisdiction(), b.basis(), b.notes())))
                .assessments(map(r.assessments(), a -> new Assessment(a.type(), a.status(), a.date(), a.reviewer(),
                        a.approver(), a.nextReview(), a.reference())))
                .filings(map(r.filings(), f -> new Filing(f.type(), f.number(), f.date())))
                .publicCommitments(r.publicCommitments())
                .build();
    }

    private static <A, B> List<B> map(List<A> items, Function<A, B> mapping) {
        return items == null ? null : items.stream().map(mapping).toList();
    }
}
