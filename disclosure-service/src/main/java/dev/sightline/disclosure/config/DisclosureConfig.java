package dev.sightline.disclosure.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The disclosure-service's own settings ({@code sightline.disclosure.*}). */
@ConfigMapping(prefix = "sightline.disclosure")
public interface DisclosureConfig {
    /** The key that signs published reports. */
    Signing signing();

    /** The publishing company and its contact points, as every report names them. */
    Publisher publisher();

    /** How long generation waits for the audit-service's analytics to stand at one checkpoint. */
    @WithDefault("20s")
    Duration figuresWait();

    /**
     * Renderings of a sample report (5 partnerships, 20 values per breakdown) made on a background thread after
     * start, so that the JIT has compiled the PDF path before the first publication; 0 for none.
     */
    @WithDefault("8")
    int warmUpRenderings();

    /** The company that publishes the disclosures, and who regulators write to. */
    interface Publisher {
        /** The company's legal name, as registered. */
        String legalName();

        /** Its registered address. */
        String address();

        /**
         * Contact points by role: {@code data-protection-officer}, {@code eu-representative}, {@code cac-contact},
         * {@code us-doj-contact}. Each template names the roles its reports show.
         */
        Map<String, Contact> contacts();
    }

    interface Contact {
        String name();

        String email();

        /** A postal address, where the role needs one (an EU representative). */
        Optional<String> address();
    }

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
