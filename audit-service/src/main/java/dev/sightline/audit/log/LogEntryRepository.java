package dev.sightline.audit.log;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

@ApplicationScoped
class LogEntryRepository implements PanacheRepositoryBase<LogEntryRecord, Long> {
    /** Entries after the cursor that match every given filter, in log order. */
    @SuppressWarnings("unchecked")
    List<LogEntryRecord> search(EntryFilter filter, long after, int limit) {
        StringJoiner where = new StringJoiner(" AND ");
        Map<String, Object> params = new HashMap<>();
        where.add("seq > :after");
        params.put("after", after);
        if (filter.partnershipId() != null) {
            where.add("partnership_id = :partnership");
            params.put("partnership", filter.partnershipId());
        }
        if (filter.actorId() != null) {
            where.add("actor_id = :actor");
            params.put("actor", filter.actorId());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            where.add("occurred_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("occurred_at < :to");
            params.put("to", filter.to());
        }
        if (filter.category() != null) {
            // a category matches itself and its children: user.content matches user.content.voice
            where.add("EXISTS (SELECT 1 FROM unnest(data_categories) c WHERE c = :category OR c LIKE :children)");
            params.put("category", filter.category());
            params.put("children", filter.category() + ".%");
        }
        Query query = getEntityManager().createNativeQuery(
                "SELECT * FROM log_entry WHERE " + where + " ORDER BY seq LIMIT :limit", LogEntryRecord.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", limit);
        return query.getResultList();
    }
}
