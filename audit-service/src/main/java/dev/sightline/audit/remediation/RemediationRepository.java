package dev.sightline.audit.remediation;

import dev.sightline.support.rest.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

@ApplicationScoped
class RemediationRepository implements PanacheRepositoryBase<RemediationRecord, UUID> {
    /** Serialises the writers of one partnership's record of one kind until the transaction ends. */
    void lock(UUID partnershipId, String kind) {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
                .setParameter("key", "remediation/" + partnershipId + "/" + kind).getSingleResult();
    }

    int latestRevision(UUID partnershipId, String kind) {
        Integer latest = find("select max(r.revision) from RemediationRecord r where r.partnershipId = ?1 and r.kind = ?2",
                partnershipId, kind).project(Integer.class).firstResult();
        return latest == null ? 0 : latest;
    }

    /**
     * Revisions newest first, strictly after the cursor in that order, of the partnership and kind when given and,
     * when {@code among} is not null, of those partnerships only.
     */
    @SuppressWarnings("unchecked")
    List<RemediationRecord> findPage(UUID partnershipId, String kind, List<UUID> among, Cursor after, int limit) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        Map<String, Object> params = new HashMap<>();
        if (partnershipId != null) {
            where.add("partnership_id = :partnership");
            params.put("partnership", partnershipId);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.put("kind", kind);
        }
        if (among != null) {
            if (among.isEmpty()) {
                return List.of();
            }
            where.add("partnership_id IN (:among)");
            params.put("among", among);
        }
        if (after != null) {
            where.add("(recorded_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
        Query query = getEntityManager().createNativeQuery("SELECT * FROM remediation" + where
                + " ORDER BY recorded_at DESC, id DESC LIMIT :limit", RemediationRecord.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", limit);
        return query.getResultList();
    }
}
