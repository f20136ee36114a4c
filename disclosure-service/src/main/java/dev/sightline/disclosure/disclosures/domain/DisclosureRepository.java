package dev.sightline.disclosure.disclosures.domain;

import dev.sightline.support.rest.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {
    /**
     * Filters of a disclosure list; null means "any".
     *
     * @param publishedIn for a regulator: only PUBLISHED disclosures of these jurisdictions
     * @param statuses only disclosures in one of these statuses
     */
    public record Filter(String jurisdiction, DisclosureStatus status, Set<String> publishedIn, Instant endsAfter,
            Instant startsBefore, Set<DisclosureStatus> statuses) {
        public Filter(String jurisdiction, DisclosureStatus status, Set<String> publishedIn, Instant endsAfter,
                Instant startsBefore) {
            this(jurisdiction, status, publishedIn, endsAfter, startsBefore, null);
        }

        /** Those of the jurisdiction (null: every one) that are or were published: no drafts. */
        public static Filter everPublished(String jurisdiction) {
            return new Filter(jurisdiction, null, null, null, null, Set.of(DisclosureStatus.PUBLISHED,
                    DisclosureStatus.SUPERSEDED, DisclosureStatus.WITHDRAWN));
        }
    }

    /** Reads the row and holds it until the transaction ends, so concurrent writers queue and see each other. */
    public Optional<Disclosure> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The newest disclosure of a jurisdiction that was published (and may since have been superseded). */
    public Optional<Disclosure> findLatestPublished(String jurisdiction) {
        return find("jurisdiction = ?1 AND status IN ?2 ORDER BY publishedAt DESC", jurisdiction,
                List.of(DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED)).firstResultOptional();
    }

    /**
     * The other PUBLISHED disclosures of a jurisdiction whose period overlaps [start, end), oldest publication first.
     */
    public List<Disclosure> findPublishedOverlapping(String jurisdiction, Instant start, Instant end, UUID except) {
        return find("jurisdiction = ?1 AND status = ?2 AND periodStart < ?3 AND periodEnd > ?4 AND id <> ?5 "
                + "ORDER BY publishedAt", jurisdiction, DisclosureStatus.PUBLISHED, end, start, except).list();
    }

    /** Up to {@code rows} disclosures in (createdAt, id) order, starting after the given one (null: from the first). */
    public List<Disclosure> findPage(Filter filter, Cursor after, int rows) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.jurisdiction() != null) {
            query.append(" AND jurisdiction = :jurisdiction");
            params.and("jurisdiction", filter.jurisdiction());
        }
        if (filter.status() != null) {
            query.append(" AND status = :status");
            params.and("status", filter.status());
        }
        if (filter.statuses() != null) {
            query.append(" AND status IN :statuses");
            params.and("statuses", List.copyOf(filter.statuses()));
        }
        if (filter.publishedIn() != null) {
            query.append(" AND status = :published AND jurisdiction IN :mine");
            // "IN ()" is no valid SQL: no jurisdiction matches "-"
            params.and("published", DisclosureStatus.PUBLISHED).and("mine",
                    filter.publishedIn().isEmpty() ? List.of("-") : List.copyOf(filter.publishedIn()));
        }
        if (filter.endsAfter() != null) {
            query.append(" AND periodEnd > :from");
            params.and("from", filter.endsAfter());
        }
        if (filter.startsBefore() != null) {
            query.append(" AND periodStart < :to");
            params.and("to", filter.startsBefore());
        }
        if (after != null) {
            query.append(" AND (createdAt > :lastAt OR (createdAt = :lastAt AND id > :lastId))");
            params.and("lastAt", after.createdAt()).and("lastId", after.id());
        }
        return find(query + " ORDER BY createdAt, id", params).range(0, rows - 1).list();
    }
}
