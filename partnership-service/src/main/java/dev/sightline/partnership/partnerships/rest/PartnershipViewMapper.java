package dev.sightline.partnership.partnerships.rest;

import dev.sightline.partnership.partnerships.domain.PartnershipContent;
import dev.sightline.partnership.partnerships.domain.PartnershipRecord;
import dev.sightline.partnership.partnerships.rest.dto.AiSystem;
import dev.sightline.partnership.partnerships.rest.dto.Assessment;
import dev.sightline.partnership.partnerships.rest.dto.DataPolicy;
import dev.sightline.partnership.partnerships.rest.dto.Feature;
import dev.sightline.partnership.partnerships.rest.dto.Filing;
import dev.sightline.partnership.partnerships.rest.dto.LegalBasis;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipRequest;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipView;
import dev.sightline.partnership.partnerships.rest.dto.PendingChange;
import dev.sightline.partnership.partnerships.rest.dto.StatusChange;
import dev.sightline.partnership.partnerships.rest.dto.Transfer;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the domain's {@link PartnershipRecord} out to the API's {@link PartnershipView}, and a pending change's
 * content to the {@link PartnershipRequest} that would write it. (The domain's part types share their names with
 * the view's, so they appear here only through the record's accessors.)
 */
public final class PartnershipViewMapper {
    private PartnershipViewMapper() {
    }

    public static PartnershipView view(PartnershipRecord record) {
        var c = record.content();
        var last = record.lastTransition();
        var pending = record.pendingChange();
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
                .aiSystems(aiSystems(c))
                .features(features(c))
                .markets(c.markets())
                .dataPolicy(dataPolicy(c))
                .transfers(transfers(c))
                .legalBases(legalBases(c))
                .assessments(assessments(c))
                .filings(filings(c))
                .publicCommitments(c.publicCommitments())
                .revision(record.revision())
                .createdAt(record.created().at())
                .createdBy(record.created().by())
                .updatedAt(record.updated().at())
                .updatedBy(record.updated().by())
                .lastTransition(last == null ? null
                        : new StatusChange(last.from(), last.to(), last.actor(), last.reason(), last.at()))
                .pendingChange(pending == null ? null : new PendingChange(request(pending.content()),
                        pending.proposed().by(), pending.proposed().at(), pending.widenings()))
                .build();
    }

    /** The request body that writes {@code c}. */
    private static PartnershipRequest request(PartnershipContent c) {
        return new PartnershipRequest(c.reference(), c.title(), c.description(), c.owner(), c.effectiveFrom(),
                c.effectiveTo(), c.partnerId(), aiSystems(c), features(c), c.markets(), dataPolicy(c), transfers(c),
                legalBases(c), assessments(c), filings(c), c.publicCommitments());
    }

    private static List<AiSystem> aiSystems(PartnershipContent c) {
        return map(c.aiSystems(), s -> new AiSystem(s.name(), s.provider(), s.version(), s.riskClass(),
                s.generalPurpose()));
    }

    private static List<Feature> features(PartnershipContent c) {
        return map(c.features(), f -> new Feature(f.key(), f.name(), f.purpose()));
    }

    private static DataPolicy dataPolicy(PartnershipContent c) {
        var policy = c.dataPolicy();
        return new DataPolicy(policy.allowedCategories(), policy.forbiddenCategories(), policy.allowedModes(),
                policy.allowedCountries(), policy.allowedPurposes(), policy.retentionDays(), policy.sensitiveAllowed());
    }

    private static List<Transfer> transfers(PartnershipContent c) {
        return map(c.transfers(), t -> new Transfer(t.fromRegion(), t.toCountry(), t.mechanism(), t.reference()));
    }

    private static List<LegalBasis> legalBases(PartnershipContent c) {
        return map(c.legalBases(), b -> new LegalBasis(b.jurisdiction(), b.basis(), b.notes()));
    }

    private static List<Assessment> assessments(PartnershipContent c) {
        return map(c.assessments(), a -> new Assessment(a.type(), a.status(), a.date(), a.reviewer(), a.approver(),
                a.nextReview(), a.reference()));
    }

    private static List<Filing> filings(PartnershipContent c) {
        return map(c.filings(), f -> new Filing(f.type(), f.number(), f.date()));
    }

    private static <A, B> List<B> map(List<A> items, Function<A, B> mapping) {
        return items.stream().map(mapping).toList();
    }
}
