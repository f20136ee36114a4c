package dev.sightline.disclosure.snapshot;

import dev.sightline.disclosure.client.AuditClient;
import dev.sightline.disclosure.client.AuditClient.LogKeySet;
import dev.sightline.disclosure.client.AuditClient.SignedCheckpoint;
import dev.sightline.disclosure.client.PartnershipClient;
import dev.sightline.disclosure.client.PartnershipClient.PartnershipPage;
import dev.sightline.disclosure.client.PartnershipClient.RevisionPage;
import dev.sightline.disclosure.client.PartnershipClient.RevisionSummary;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.Jwk;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Gathers everything a disclosure states from the other services, before anything is stored: the partnership
 * revisions in force at the period's end (with their partners and the status changes in the period), and from
 * the audit-service the figures, the checkpoint they were computed at, its signed note and the consistency proof
 * from the previous disclosure's checkpoint. Any source that cannot answer fails the whole request with a 503;
 * nothing half-built is kept.
 */
@ApplicationScoped
public class SnapshotCollector {
    private static final int PAGE = 500;

    private final PartnershipClient partnerships;
    private final AuditClient audit;
    private final DisclosureConfig config;

    SnapshotCollector(@RestClient PartnershipClient partnerships, @RestClient AuditClient audit,
            DisclosureConfig config) {
        this.partnerships = partnerships;
        this.audit = audit;
        this.config = config;
    }

    /**
     * The partnerships named, or every one active in the period in one of these markets (those the disclosure's
     * jurisdiction covers).
     */
    public List<PartnershipFacts> partnerships(Set<String> markets, Instant start, Instant end, List<UUID> named) {
        Instant asOf = Snapshot.asOf(end);
        List<PartnershipFacts> found = new ArrayList<>();
        boolean explicit = named != null && !named.isEmpty();
        Set<UUID> ids = new LinkedHashSet<>();
        if (explicit) {
            ids.addAll(named);
        } else {
            String after = null;
            do {
                String cursor = after;
                PartnershipPage page = call("partnership-service", () -> partnerships.list(cursor, PAGE));
                page.items().forEach(item -> ids.add(item.id()));
                after = page.next();
            } while (after != null);
        }
        Map<UUID, Partner> partners = new HashMap<>();
        for (UUID id : ids) {
            Partnership atEnd = findAt(id, asOf);
            if (atEnd == null) {
                if (explicit) {
                    throw ProblemException.invalidField("partnershipIds", "partnership " + id
                            + " did not exist by the end of the period");
                }
                continue;
            }
            if (atEnd.marketsOrNone().stream().noneMatch(markets::contains)) {
                if (explicit) {
                    throw ProblemException.invalidField("partnershipIds", "partnership " + id + " is offered in "
                            + atEnd.marketsOrNone() + ", none of which this jurisdiction covers");
                }
                continue; // decided without reading its history
            }
            List<StatusChange> changes = statusChanges(id, start, end);
            boolean active = changes.stream().anyMatch(c -> c != null && "ACTIVE".equals(c.to()))
                    || "ACTIVE".equals(statusAt(id, start));
            if (!explicit && !active) {
                continue;
            }
            // partnerships with one partner share its record
            Partner partner = partners.computeIfAbsent(atEnd.partnerId(),
                    partnerId -> call("partnership-service", () -> partnerships.partner(partnerId)));
            found.add(new PartnershipFacts(atEnd, partner, changes));
        }
        return found;
    }

    /** The figures of these partnerships over [start, end), waiting while the analytics move between checkpoints. */
    public Figures figures(List<UUID> ids, Instant start, Instant end) {
        List<String> params = ids.stream().map(UUID::toString).toList();
        long deadline = System.nanoTime() + config.figuresWait().toNanos();
        while (true) {
            Response response = call("audit-service", () -> audit.figures(params, start.toString(), end.toString()));
            if (response.getStatus() == 200) {
                return response.readEntity(Figures.class);
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() != 503 || System.nanoTime() > deadline) {
                Log.warnf("audit-service figures: HTTP %d %s", response.getStatus(), body);
                throw unavailable("audit-service", "its figures answered HTTP " + response.getStatus());
            }
            sleep(500);
        }
    }

    /** The signed checkpoint the figures cite, which must be exactly the one they name. */
    public SignedCheckpoint checkpoint(Figures.CheckpointRef cited) {
        long size = cited.size();
        if (size == 0 || cited.root() == null) {
            throw unavailable("audit-service", "the log has no signed checkpoint yet");
        }
        List<SignedCheckpoint> found = call("audit-service", () -> audit.checkpoint(size));
        if (found == null || found.isEmpty() || found.get(0).size() != size
                || !cited.root().equals(found.get(0).root())) {
            throw unavailable("audit-service", "checkpoint " + size + " does not match the figures' root");
        }
        SignedCheckpoint first = found.get(0);
        return new SignedCheckpoint(size, cited.root(), first.note(), first.keyId());
    }

    /**
     * The log key that signed a checkpoint, by its note key id, with the RFC 7638 thumbprint of its JWK; 503 when the
     * audit-service's key set does not hold it.
     */
    public LogKey logKey(String noteKeyId) {
        LogKeySet keys = call("audit-service", audit::keys);
        return keys.keys().stream().filter(k -> k.kid() != null && k.kid().equals(noteKeyId) && k.x() != null)
                .findFirst().map(k -> new LogKey(k.kid(), new Jwk("OKP", "Ed25519", k.x(), null, null, null).thumbprint()))
                .orElseThrow(() -> unavailable("audit-service", "its key set lacks the key " + noteKeyId
                        + " that signed the checkpoint"));
    }

    public List<String> consistency(long from, long to) {
        if (from == to) {
            return List.of();
        }
        if (from > to) {
            throw unavailable("audit-service", "its analytics stand at " + to
                    + " entries, behind the previous disclosure's checkpoint of " + from + "; retry shortly");
        }
        return call("audit-service", () -> audit.consistency(from, to)).path();
    }

    private Partnership findAt(UUID id, Instant at) {
        try {
            return partnerships.find(id, at.toString());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return null;
            }
            if (status == 400) {
                throw ProblemException.invalidField("partnershipIds", "'" + id + "' is not a partnership id");
            }
            throw unavailable("partnership-service", "HTTP " + status);
        } catch (ProcessingException | FaultToleranceException e) {
            throw unavailable("partnership-service", e.getMessage());
        }
    }

    private String statusAt(UUID id, Instant at) {
        Partnership then = findAt(id, at);
        return then == null ? "" : then.status();
    }

    /** The lifecycle transitions that took effect in [start, end), oldest first. */
    private List<StatusChange> statusChanges(UUID id, Instant start, Instant end) {
        List<StatusChange> changes = new ArrayList<>();
        String after = null;
        do {
            String cursor = after;
            RevisionPage page = call("partnership-service", () -> partnerships.revisions(id, cursor, PAGE));
            for (RevisionSummary revision : page.items()) {
                Instant validFrom = revision.validFrom();
                if ("TRANSITIONED".equals(revision.kind()) && !validFrom.isBefore(start) && validFrom.isBefore(end)) {
                    int number = revision.revision();
                    changes.add(call("partnership-service", () -> partnerships.revision(id, number)).partnership()
                            .lastTransition());
                }
            }
            after = page.next();
        } while (after != null);
        return changes;
    }

    private static <T> T call(String source, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw unavailable(source, "HTTP " + e.getResponse().getStatus());
        } catch (ProcessingException | FaultToleranceException e) {
            throw unavailable(source, e.getMessage());
        }
    }

    private static ProblemException unavailable(String source, String why) {
        return ProblemException.unavailable("The " + source + " could not provide what the disclosure needs (" + why
                + "); nothing was stored, retry later");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("audit-service", "interrupted while waiting for its figures");
        }
    }
}
