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

    /** Delivery of regulators' downloads to the audit log. */
    Outbox outbox();

    interface Signing {
        /** Base64url of a 32-byte Ed25519 seed; wins over {@link #keyFile()}. */
        Optional<String> key();

        /** File holding such a seed; created with a fresh one when {@link #generateIfMissing()} is set. */
        Optional<String> keyFile();

        /** Whether a missing key file may be created with a new key (dev, test and the local run only). */
        @WithDefault("false")
        boolean generateIfMissing();
    }

    interface Outbox {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("200")
        int batchSize();

        /** How often the relay looks for downloads to deliver. */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** The country where this service processes the downloads it records, as audit events name it. */
        @WithDefault("DE")
        String processingCountry();
    }
}
