package dev.sightline.audit.log;

import dev.sightline.support.security.KeyFiles;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.NoteVerifier;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The key that signs checkpoints, and every verifier key ever published. The private key comes from
 * configuration; only dev and test may generate one, kept in a file so restarts sign with it again.
 */
@ApplicationScoped
class SigningKeys {
    private final NoteSigner signer;
    private final List<NoteVerifier> retired;

    SigningKeys(LogConfig config) {
        this.signer = loadSigner(config);
        List<NoteVerifier> old = new ArrayList<>();
        config.signing().retiredKeys().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(NoteVerifier::parse).filter(v -> v.keyId() != signer.keyId()).forEach(old::add);
        this.retired = Collections.unmodifiableList(old);
        Log.infof("Checkpoints are signed by %s", signer.verifier().encoded());
    }

    NoteSigner signer() {
        return signer;
    }

    NoteVerifier active() {
        return signer.verifier();
    }

    List<NoteVerifier> retired() {
        return retired;
    }

    /** Active first, then the retired keys: every key a stored checkpoint may be signed with. */
    List<NoteVerifier> all() {
        List<NoteVerifier> all = new ArrayList<>(retired.size() + 1);
        all.add(active());
        all.addAll(retired);
        return all;
    }

    private static NoteSigner loadSigner(LogConfig config) {
        LogConfig.Signing signing = config.signing();
        if (signing.key().isPresent() && !signing.key().get().isBlank()) {
            return checkName(NoteSigner.parse(signing.key().get().strip()), config);
        }
        Path file = signing.keyFile().map(Path::of).orElseThrow(() -> new IllegalStateException(
                "No checkpoint signing key: set sightline.log.signing.key (LOG_SIGNING_KEY) or "
                        + "sightline.log.signing.key-file (LOG_SIGNING_KEY_FILE)"));
        String key = KeyFiles.readOrCreate(file, signing.generateIfMissing(),
                () -> NoteSigner.generate(config.origin()).encodedPrivateKey(), "Checkpoint signing key");
        return checkName(NoteSigner.parse(key), config);
    }

    private static NoteSigner checkName(NoteSigner signer, LogConfig config) {
        if (!signer.name().equals(config.origin())) {
            throw new IllegalStateException("The signing key is named '" + signer.name()
                    + "' but the log's origin is '" + config.origin() + "'");
        }
        return signer;
    }
}
