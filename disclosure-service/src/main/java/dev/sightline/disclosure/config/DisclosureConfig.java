package dev.sightline.disclosure.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The disclosure-service's own settings ({@code sightline.disclosure.*}). */
@ConfigMapping(prefix = "sightline.disclosure")
public interface DisclosureConfig {
    /** The key that signs published reports. */
    Signing signing();

    /** How long generation waits for the audit-service's analytics to stand at one checkpoint. */
    @WithDefault("20s")
    Duration figuresWait();

    interface Signing {
        /** Base64url of a 32-byte Ed25519 seed; wins over {@link #keyFile()}. */
        Optional<String> key();

        /** File holding such a seed; created with a fresh one when {@link #generateIfMissing()} is set. */
        Optional<String> keyFile();

        /** Whether a missing key file may be created with a new key (dev, test and the local run only). */
        @WithDefault("false")
        boolean generateIfMissing();
    }
}
