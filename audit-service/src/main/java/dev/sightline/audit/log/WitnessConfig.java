package dev.sightline.audit.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * The witnesses the log asks to cosign its checkpoints ({@code sightline.witness.*}); none configured, none asked.
 */
@ConfigMapping(prefix = "sightline.witness")
public interface WitnessConfig {
    /** The witnesses by name (the name used in metrics, health and logs). */
    Map<String, Witness> witnesses();

    /**
     * How many configured witnesses must have cosigned a checkpoint before the figures (and so the disclosures) may
     * cite it; 0 lets them cite any checkpoint, cosigned or not.
     */
    @WithDefault("0")
    int quorum();

    /** How long one add-checkpoint request may take. */
    @WithDefault("5s")
    Duration timeout();

    /** First wait before asking a witness again after it failed; doubles each time. */
    @WithDefault("1s")
    Duration retryDelay();

    /** The longest wait between two attempts at a failing witness. */
    @WithDefault("1m")
    Duration maxRetryDelay();

    interface Witness {
        /** The witness's submission prefix: add-checkpoint is {@code <url>/add-checkpoint}. */
        String url();

        /** Its cosignature/v1 verifier key, {@code <name>+<hex key id>+<base64(0x04 || key)>}. */
        String key();
    }
}
