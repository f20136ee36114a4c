package dev.sightline.audit.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this replica may sign: false once the stored tree disagrees with the last signed checkpoint. Then no
 * checkpoint is signed (events are still acknowledged and stored), readiness {@code log-integrity} is DOWN with the
 * reason, the gauge {@code sightline.log.integrity} is 0, and one error line names the first bad position. It clears
 * only when the integrator checks the stored tree again and finds it sound (after a restart or a change of
 * leadership).
 */
@ApplicationScoped
class LogIntegrity {
    static final String NAME = "log-integrity";

    private final Counter refused;
    private volatile IntegrityException problem;
    private volatile Instant since = Instant.now();

    LogIntegrity(MeterRegistry registry) {
        Gauge.builder("sightline.log.integrity", this, integrity -> integrity.problem == null ? 1 : 0)
                .description("1 while the stored tree agrees with the last signed checkpoint; 0 while signing "
                        + "is stopped")
                .strongReference(true) // as long as the service: never let the gauge vanish with a collection
                .register(registry);
        refused = Counter.builder("sightline.log.checkpoints.refused")
                .description("Checkpoints not signed because the stored tree disagrees with the last signed one")
                .register(registry);
    }

    /** Stops signing for {@code reason}; said once, not at every refused attempt. */
    void broken(IntegrityException reason) {
        refused.increment();
        if (problem == null) {
            Log.errorf("Log integrity: %s (first bad position: %s); no checkpoint is signed until the stored tree "
                    + "is repaired and checked again", reason.getMessage(), reason.position());
            since = Instant.now();
        }
        problem = reason;
    }

    /** The stored tree was checked and agrees with the last signed checkpoint. */
    void sound() {
        if (problem != null) {
            Log.infof("Log integrity restored: the stored tree agrees with the last signed checkpoint again");
            since = Instant.now();
        }
        problem = null;
    }

    Optional<IntegrityException> problem() {
        return Optional.ofNullable(problem);
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            IntegrityException current = problem;
            HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).status(current == null)
                    .withData("since", since.toString());
            if (current != null) {
                health.withData("reason", current.getMessage()).withData("firstBadPosition", current.position())
                        .withData("signing", "stopped");
            }
            return health.build();
        };
    }
}
