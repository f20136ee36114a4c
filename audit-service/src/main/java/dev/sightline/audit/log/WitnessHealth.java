package dev.sightline.audit.log;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The witnesses, in their own health group ({@code /q/health/group/witnesses}), never in readiness: the log takes
 * events whether or not its witnesses answer. UP while at least the quorum (at least one) of them cosigns.
 */
@HealthGroup("witnesses")
@ApplicationScoped
public class WitnessHealth implements HealthCheck {
    private final Witnesses witnesses;

    WitnessHealth(Witnesses witnesses) {
        this.witnesses = witnesses;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("witnesses")
                .withData("quorum", witnesses.quorum());
        long up = 0;
        for (Witnesses.WitnessStatus witness : witnesses.status()) {
            up += witness.up() ? 1 : 0;
            response.withData(witness.name(), (witness.up() ? "UP" : "DOWN") + ", cosigned size "
                    + witness.cosignedSize() + (witness.up() ? "" : ", " + witness.failures()
                    + " failed attempt(s), last: " + witness.lastError()));
        }
        return response.status(witnesses.status().isEmpty() || up >= Math.max(1, witnesses.quorum())).build();
    }
}
