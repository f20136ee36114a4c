package dev.sightline.audit.log;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class CheckpointRepository implements PanacheRepositoryBase<CheckpointRecord, Long> {
    Optional<CheckpointRecord> findLatest() {
        return find("order by treeSize desc").firstResultOptional();
    }

    /** Checkpoints with a size above {@code after}, smallest first. */
    List<CheckpointRecord> listAfter(long after, int limit) {
        return find("treeSize > ?1", Sort.by("treeSize"), after).page(0, limit).list();
    }
}
