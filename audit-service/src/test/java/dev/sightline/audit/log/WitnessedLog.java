package dev.sightline.audit.log;

import java.util.Map;

/** Like {@link IsolatedLog}, a log of its own for a drill that damages it for good, in schema {@value #SCHEMA}. */
public class WitnessedLog extends IsolatedLog {
    static final String SCHEMA = "audit_witnessed";

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides(SCHEMA);
    }
}
