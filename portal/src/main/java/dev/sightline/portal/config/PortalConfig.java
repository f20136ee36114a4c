package dev.sightline.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's own settings. */
@ConfigMapping(prefix = "sightline.portal")
public interface PortalConfig {
    /** The company whose disclosures the portal shows, named on every page. */
    @WithDefault("Larkspur Devices")
    String company();
}
