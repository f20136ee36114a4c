package dev.sightline.partnership.partnerships.storage;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.partnership.partnerships.domain.RiskClass;
import dev.sightline.partnership.rest.SearchText;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PartnershipRepository implements PanacheRepositoryBase<Partnership, UUID> {
    /** Filters of a partnership list; null means "any". */
    public record Filter(PartnershipStatus status, UUID partnerId, String market, RiskClass riskClass, String text) {
    }

    /** Reads the row and holds it until the transaction ends, so concurrent writers queue and see each other. */
    public Optional<Partnership> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean existsByReference(String reference) {
        return count("reference", reference) > 0;
    }

    /** One page in (createdAt, id) order, starting after the given position. */
    public List<Partnership> findPage(Filter filter, Instant afterCreatedAt, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.status() != null) {
            where.add("p.status = :status");
            params.and("status", filter.status());
        }
        if (filter.partnerId() != null) {
            where.add("p.partnerId = :partnerId");
            params.and("partnerId", filter.partnerId());
        }
        if (filter.market() != null) {
            where.add("array_contains(p.markets, :market)");
            params.and("market", filter.market());
        }
        if (filter.riskClass() != null) {
            where.add("array_contains(p.riskClasses, :riskClass)");
            params.and("riskClass", filter.riskClass().name());
        }
        if (filter.text() != null) {
            where.add("(p.reference ilike :text escape '\\' or p.title ilike :text escape '\\' or exists "
                    + "(select 1 from Partner pa where pa.id = p.partnerId and pa.legalName ilike :text escape '\\'))");
            params.and("text", SearchText.anywhere(filter.text()));
        }
        if (afterCreatedAt != null) {
            where.add("(p.createdAt > :afterCreatedAt or (p.createdAt = :afterCreatedAt and p.id > :afterId))");
            params.and("afterCreatedAt", afterCreatedAt).and("afterId", afterId);
        }
        String query = "from Partnership p" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by p.createdAt, p.id";
        return find(query, params).page(0, limit).list();
    }
}
