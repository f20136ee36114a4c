package dev.sightline.audit.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One call to the partnership-service's policy endpoint, guarded: a timeout per attempt, two retries, and a
 * circuit breaker so that while the service is down the worker fails fast and parks entries for later.
 */
@ApplicationScoped
class PolicyFetcher {
    private final PartnershipClient client;

    PolicyFetcher(@RestClient PartnershipClient client) {
        this.client = client;
    }

    /** The policy in force at {@code at}; empty when the partnership never existed (a 404, not a failure). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    Optional<PolicyDocument> fetch(UUID partnershipId, Instant at) {
        try {
            return Optional.of(client.policy(partnershipId, at.toString()));
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
