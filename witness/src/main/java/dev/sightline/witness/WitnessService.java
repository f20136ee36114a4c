package dev.sightline.witness;

import dev.sightline.support.security.KeyFiles;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteVerifier;
import dev.sightline.verifier.witness.Witness;
import dev.sightline.verifier.witness.WitnessOutcome;
import dev.sightline.verifier.witness.WitnessState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The witness of this process: its key, the logs it trusts, its state file, and a count of its answers. */
@ApplicationScoped
public class WitnessService {
    private final Witness witness;
    private final StateFile state;
    private final MeterRegistry registry;

    WitnessService(WitnessConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.state = new StateFile(Path.of(config.stateFile()));
        Map<String, List<NoteVerifier>> logs = new HashMap<>();
        config.logs().forEach((label, log) -> logs.merge(log.origin(),
                log.keys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).map(NoteVerifier::parse).toList(),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        logs.values().removeIf(List::isEmpty);
        CosignatureSigner signer = loadSigner(config);
        this.witness = new Witness(signer, logs, state, Clock.systemUTC());
        Log.infof("Witness %s cosigns for %s; state in %s", signer.verifier().encoded(), logs.keySet(), state.path());
        if (logs.isEmpty()) {
            Log.warn("No log keys are configured (sightline.witness.logs.<label>.keys): every checkpoint is refused");
        }
    }

    /** Answers an add-checkpoint body, read as UTF-8. */
    public WitnessOutcome addCheckpoint(byte[] body) {
        WitnessOutcome outcome = witness.add(body);
        String result = outcome instanceof WitnessOutcome.Refused refused
                ? refused.reason().name().toLowerCase(Locale.ROOT)
                : outcome instanceof WitnessOutcome.SizeMismatch ? "old_size_mismatch" : "cosigned";
        registry.counter("sightline.witness.add_checkpoint", "outcome", result).increment();
        return outcome;
    }

    /** The witness's verifier key. */
    public CosignatureVerifier key() {
        return witness.signer().verifier();
    }

    /** The latest checkpoint cosigned of a log, as a note with a cosignature made now. */
    public Optional<String> latestCosigned(String origin) {
        return witness.latestCosigned(origin);
    }

    /** The latest cosigned checkpoint of every log. */
    public Map<String, WitnessState> logs() {
        return state.all();
    }

    private static CosignatureSigner loadSigner(WitnessConfig config) {
        WitnessConfig.Signing signing = config.signing();
        String encoded;
        if (signing.key().isPresent() && !signing.key().get().isBlank()) {
            encoded = signing.key().get().strip();
        } else {
            Path file = signing.keyFile().map(Path::of).orElseThrow(() -> new IllegalStateException(
                    "No witness key: set sightline.witness.signing.key (WITNESS_SIGNING_KEY) or "
                            + "sightline.witness.signing.key-file (WITNESS_SIGNING_KEY_FILE)"));
            encoded = KeyFiles.readOrCreate(file, signing.generateIfMissing(),
                    () -> CosignatureSigner.generate(config.name()).encodedPrivateKey(), "Witness key");
        }
        CosignatureSigner signer = CosignatureSigner.parse(encoded);
        if (!signer.name().equals(config.name())) {
            throw new IllegalStateException("The witness key is named '" + signer.name()
                    + "' but the witness is '" + config.name() + "'");
        }
        return signer;
    }
}
