package dev.sightline.audit.service;

import dev.sightline.audit.config.LogConfig;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.NoteVerifier;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The key that signs checkpoints, and every verifier key ever published. The private key comes from
 * configuration; only dev and test may generate one, kept in a file so restarts sign with it again.
 */
@ApplicationScoped
public class SigningKeys {
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

    public NoteSigner signer() {
        return signer;
    }

    public NoteVerifier active() {
        return signer.verifier();
    }

    public List<NoteVerifier> retired() {
        return retired;
    }

    /** Active first, then the retired keys: every key a stored checkpoint may be signed with. */
    public List<NoteVerifier> all() {
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
        try {
            if (Files.exists(file)) {
                return checkName(NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8).strip()), config);
            }
            if (!signing.generateIfMissing()) {
                throw new IllegalStateException("Checkpoint signing key file " + file + " does not exist");
            }
            NoteSigner generated = NoteSigner.generate(config.origin());
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, generated.encodedPrivateKey() + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file stays as the platform created it
            }
            Log.warnf("Generated a new checkpoint signing key in %s (dev/test only)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key file " + file, e);
        }
    }

    private static NoteSigner checkName(NoteSigner signer, LogConfig config) {
        if (!signer.name().equals(config.origin())) {
            throw new IllegalStateException("The signing key is named '" + signer.name()
                    + "' but the log's origin is '" + config.origin() + "'");
        }
        return signer;
    }
}
