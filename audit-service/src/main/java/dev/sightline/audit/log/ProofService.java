package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.ConsistencyProofView;
import dev.sightline.audit.log.rest.dto.InclusionProofView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.merkle.PerfectSubtreeHasher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;

/** RFC 9162 inclusion and consistency proofs for any tree size up to the newest checkpoint. */
@ApplicationScoped
public class ProofService {
    private final MerkleTreeStore store;
    private final Timer inclusionTime;
    private final Timer consistencyTime;

    ProofService(MerkleTreeStore store, MeterRegistry registry) {
        this.store = store;
        this.inclusionTime = proofTimer(registry, "inclusion");
        this.consistencyTime = proofTimer(registry, "consistency");
    }

    /** Time spent building proofs, without the HTTP and token checks around them. */
    private static Timer proofTimer(MeterRegistry registry, String kind) {
        return Timer.builder("sightline.proof").tag("kind", kind).publishPercentiles(0.5, 0.99)
                .description("Time to build one proof").register(registry);
    }

    public InclusionProofView inclusion(long seq, Long treeSize) {
        return inclusionTime.record(() -> buildInclusion(seq, treeSize));
    }

    public ConsistencyProofView consistency(long from, Long to) {
        return consistencyTime.record(() -> buildConsistency(from, to));
    }

    private InclusionProofView buildInclusion(long seq, Long treeSize) {
        long size = checkedSize(treeSize, "treeSize");
        if (seq < 0 || seq >= size) {
            throw ProblemException.invalidField("seq", "must be at least 0 and below treeSize " + size);
        }
        // one hasher per request: the leaf's block of hashes is read once, for the leaf and its path
        PerfectSubtreeHasher hasher = store.hasher();
        List<byte[]> path = MerkleProofs.inclusionProof(seq, size, Merkle.rangeHasher(hasher));
        return new InclusionProofView(seq, size, EventService.base64(hasher.hash(0, seq)), encode(path));
    }

    private ConsistencyProofView buildConsistency(long from, Long to) {
        long size = checkedSize(to, "to");
        if (from < 0 || from > size) {
            throw ProblemException.invalidField("from", "must be between 0 and to (" + size + ")");
        }
        return new ConsistencyProofView(from, size,
                encode(MerkleProofs.consistencyProof(from, size, Merkle.rangeHasher(store.hasher()))));
    }

    /** The requested size, or the newest checkpoint's; never beyond what a checkpoint covers. */
    private long checkedSize(Long requested, String field) {
        long latest;
        try {
            latest = store.signedSize(requested == null ? Long.MAX_VALUE : requested);
        } catch (SQLException e) {
            throw ProblemException.unavailable("The tree could not be read; retry");
        }
        if (latest < 0) {
            throw ProblemException.unavailable("No checkpoint has been signed yet; retry shortly");
        }
        long size = requested == null ? latest : requested;
        if (size < 1 && field.equals("treeSize")) {
            throw ProblemException.invalidField(field, "must be at least 1");
        }
        if (size < 0 || size > latest) {
            throw ProblemException.invalidField(field, "must be between 0 and the newest checkpoint's size " + latest);
        }
        return size;
    }

    private static List<String> encode(List<byte[]> path) {
        return path.stream().map(EventService::base64).toList();
    }
}
