package dev.sightline.partnership.partnerships.storage;

import dev.sightline.partnership.partnerships.domain.RevisionKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PartnershipRevisionRepository implements PanacheRepositoryBase<PartnershipRevision, UUID> {
    public Optional<PartnershipRevision> findRevision(UUID partnershipId, int revision) {
        return find("partnershipId = ?1 and revision = ?2", partnershipId, revision).firstResultOptional();
    }

    /** The revision in force at {@code at}: the latest one that started at or before it. */
    public Optional<PartnershipRevision> findInForceAt(UUID partnershipId, Instant at) {
        return find("partnershipId = ?1 and validFrom <= ?2 order by validFrom desc, revision desc", partnershipId, at)
                .firstResultOptional();
    }

    /** The first revision that took effect after {@code at}: where the one in force at {@code at} ends. */
    public Optional<PartnershipRevision> findFirstAfter(UUID partnershipId, Instant at) {
        return find("partnershipId = ?1 and validFrom > ?2 order by validFrom, revision", partnershipId, at)
                .firstResultOptional();
    }

    /** Who wrote the content in force last: the creator, or whoever updated it since. */
    public Optional<String> findLastContentAuthor(UUID partnershipId) {
        return find("partnershipId = ?1 and kind in ?2 order by revision desc", partnershipId,
                List.of(RevisionKind.CREATED, RevisionKind.UPDATED)).firstResultOptional().map(r -> r.actor);
    }

    public List<PartnershipRevision> findPage(UUID partnershipId, int afterRevision, int limit) {
        return find("partnershipId = ?1 and revision > ?2 order by revision", partnershipId, afterRevision)
                .page(0, limit).list();
    }
}
