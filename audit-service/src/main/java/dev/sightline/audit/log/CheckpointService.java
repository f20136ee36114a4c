package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.CheckpointView;
import dev.sightline.audit.log.rest.dto.KeySetView.KeyView;
import dev.sightline.audit.log.rest.dto.KeySetView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.Jwk;
import dev.sightline.verifier.note.NoteVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Signed checkpoints and the keys that verify them. */
@ApplicationScoped
public class CheckpointService {
    private final CheckpointRepository checkpoints;
    private final CheckpointIntegrator integrator;
    private final SigningKeys keys;

    CheckpointService(CheckpointRepository checkpoints, CheckpointIntegrator integrator, SigningKeys keys) {
        this.checkpoints = checkpoints;
        this.integrator = integrator;
        this.keys = keys;
    }

    public CheckpointView latest() {
        return checkpoints.findLatest().map(CheckpointService::view)
                .orElseThrow(() -> ProblemException.unavailable("No checkpoint has been signed yet; retry shortly"));
    }

    public CheckpointView bySize(long size) {
        return checkpoints.findByIdOptional(size).map(CheckpointService::view)
                .orElseThrow(() -> ProblemException.notFound("No checkpoint was signed at size " + size));
    }

    public List<CheckpointView> list(long after, int limit) {
        return checkpoints.listAfter(after, limit).stream().map(CheckpointService::view).toList();
    }

    /** Covers everything appended so far with a signed checkpoint now, and returns it. */
    public CheckpointView signNow() {
        try {
            long size = integrator.integrateNow();
            return size < 0 ? latest() : bySize(size);
        } catch (SQLException e) {
            throw ProblemException.unavailable("The checkpoint could not be signed now; retry");
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

    static CheckpointView view(CheckpointRecord c) {
        return new CheckpointView(c.treeSize, EventService.base64(c.rootHash), c.note, c.keyId, c.signedAt);
    }
}
