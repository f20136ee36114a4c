package dev.sightline.witness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The witness's settings ({@code sightline.witness.*}). */
@ConfigMapping(prefix = "sightline.witness")
public interface WitnessConfig {
    /** The witness's key name, a schema-less URL, e.g. {@code witness.sightline.example/w1}. */
    @WithDefault("witness.sightline.example/w1")
    String name();

    /** Where the latest cosigned checkpoint of each log is kept (written atomically). */
    String stateFile();

    /** The cosigning key. */
    Signing signing();

    /** The logs this witness cosigns for, by any label: each an origin and the note keys trusted for it. */
    Map<String, LogKeys> logs();

    interface Signing {
        /** {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x04 || seed)>}; wins over {@link #keyFile()}. */
        Optional<String> key();

        /** File holding such a key; created with a fresh key when {@link #generateIfMissing()} is set. */
        Optional<String> keyFile();

        /** Whether a missing key file may be created with a new key (dev, test and the local run only). */
        @WithDefault("false")
        boolean generateIfMissing();
    }

    interface LogKeys {
        /** The log's checkpoint origin line. */
        String origin();

        /** The log's note verifier keys ({@code <name>+<hex key id>+<base64 key>}), current and retired; none: refused. */
        Optional<List<String>> keys();
    }
}
