package dev.sightline.audit.remediation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Remediation records' settings ({@code sightline.remediation.*}). */
@ConfigMapping(prefix = "sightline.remediation")
public interface RemediationConfig {
    /** The country of the company cloud that runs this service, where the log says the records are processed. */
    @WithDefault("DE")
    String processingCountry();
}
