package dev.sightline.witness;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the state file's folder can take the next state; a witness that cannot record must not cosign. */
@Readiness
@ApplicationScoped
public class WitnessHealth implements HealthCheck {
    private final WitnessService service;
    private final Path stateFile;

    WitnessHealth(WitnessService service, WitnessConfig config) {
        this.service = service;
        this.stateFile = Path.of(config.stateFile()).toAbsolutePath();
    }

    @Override
    public HealthCheckResponse call() {
        boolean writable = Files.isDirectory(stateFile.getParent()) && Files.isWritable(stateFile.getParent());
        return HealthCheckResponse.named("Witness state").status(writable)
                .withData("file", stateFile.toString())
                .withData("logs", service.logs().size())
                .build();
    }
}
