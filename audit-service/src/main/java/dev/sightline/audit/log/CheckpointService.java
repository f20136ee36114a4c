package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.CheckpointView;
import dev.sightline.audit.log.rest.dto.CosignatureView;
import dev.sightline.audit.log.rest.dto.KeySetView.KeyView;
import dev.sightline.audit.log.rest.dto.KeySetView;
import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.Jwk;
import dev.sightline.verifier.note.NoteVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Signed checkpoints and the keys that verify them. The newest checkpoint stays readable while PostgreSQL is
 * not: the one this replica last signed or read is served from memory (it is signed, so a stale one misleads
 * no one; it only covers fewer entries).
 */
@ApplicationScoped
public class CheckpointService {
    private final CheckpointRepository checkpoints;
    private final CheckpointIntegrator integrator;
    private final SigningKeys keys;
    private final DatabaseHealth database;
    private final Cosignatures cosignatures;
    private volatile CheckpointRecord lastRead;

    CheckpointService(CheckpointRepository checkpoints, CheckpointIntegrator integrator, SigningKeys keys,
            DatabaseHealth database, Cosignatures cosignatures) {
        this.checkpoints = checkpoints;
        this.integrator = integrator;
        this.keys = keys;
        this.database = database;
        this.cosignatures = cosignatures;
    }

    public CheckpointView latest() {
        if (database.up()) {
            try {
                Optional<CheckpointRecord> stored = checkpoints.findLatest();
                stored.ifPresent(c -> lastRead = c);
                return views(stored.map(List::of).orElseThrow(
                        () -> ProblemException.unavailable("No checkpoint has been signed yet; retry shortly"))).get(0);
            } catch (PersistenceException e) {
                // the database went away since its last check: answer from memory below
            }
        }
        // without the database, without the cosignatures stored in it
        return Stream.of(integrator.latestSigned().orElse(null), lastRead).filter(Objects::nonNull)
                .max(Comparator.comparingLong(c -> c.treeSize)).map(c -> view(c, List.of()))
                .orElseThrow(() -> ProblemException.unavailable("The log's database cannot be reached and no "
                        + "checkpoint is held in memory; retry shortly"));
    }

    public CheckpointView bySize(long size) {
        return stored(() -> views(checkpoints.findByIdOptional(size).map(List::of).orElse(List.of()))).stream()
                .findFirst().orElseThrow(() -> ProblemException.notFound("No checkpoint was signed at size " + size));
    }

    public List<CheckpointView> list(long after, int limit) {
        return stored(() -> views(checkpoints.listAfter(after, limit)));
    }

    /** The checkpoints with their cosignatures, which are also appended to each note. */
    private List<CheckpointView> views(List<CheckpointRecord> records) {
        Map<Long, List<Cosignatures.Stored>> cosigned;
        try {
            cosigned = cosignatures.of(records.stream().map(c -> c.treeSize).toList());
        } catch (SQLException e) {
            // read like the checkpoints: an unreachable database is a 503 or an answer from memory
            throw new PersistenceException("The cosignatures could not be read", e);
        }
        return records.stream().map(c -> view(c, cosigned.getOrDefault(c.treeSize, List.of()))).toList();
    }

    /** A read of stored checkpoints; an unreachable database is a 503, not an internal error. */
    private static <T> T stored(Supplier<T> read) {
        try {
            return read.get();
        } catch (PersistenceException e) {
            throw ProblemException.unavailable("The log's database cannot be reached; retry shortly");
        }
    }

    /** Covers everything appended so far with a signed checkpoint now, and returns it. */
    public CheckpointView signNow() {
        try {
            long size = integrator.integrateNow();
            return size < 0 ? latest() : bySize(size);
        } catch (SQLException e) {
            throw ProblemException.unavailable("The checkpoint could not be signed now; retry");
        } catch (IntegrityException e) {
            throw ProblemException.unavailable("Signing is stopped: the stored tree disagrees with the last signed "
                    + "checkpoint (" + e.getMessage() + "); events are still stored");
        }
    }

    public KeySetView keys() {
        List<KeyView> all = new ArrayList<>();
        all.add(key(keys.active(), "ACTIVE"));
        keys.retired().forEach(k -> all.add(key(k, "RETIRED")));
        return new KeySetView(all);
    }

    private static KeyView key(NoteVerifier verifier, String status) {
        Jwk jwk = verifier.jwk();
        return new KeyView(jwk.kty(), jwk.crv(), jwk.x(), jwk.kid(), jwk.alg(), jwk.use(), status, verifier.encoded());
    }

    static CheckpointView view(CheckpointRecord c, List<Cosignatures.Stored> cosigned) {
        StringBuilder note = new StringBuilder(c.note);
        cosigned.forEach(s -> note.append(s.line()).append('\n'));
        return new CheckpointView(c.treeSize, EventService.base64(c.rootHash), note.toString(), c.keyId, c.signedAt,
                cosigned.stream().map(s -> new CosignatureView(s.witness(), s.keyName(), s.keyId(), s.line(),
                        s.cosignedAt())).toList());
    }
}
