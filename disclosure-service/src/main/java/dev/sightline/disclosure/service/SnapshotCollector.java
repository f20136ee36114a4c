package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.disclosure.client.AuditClient;
import dev.sightline.disclosure.client.PartnershipClient;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.disclosure.service.Templates.Template;
import dev.sightline.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /** One partnership as the disclosure states it. */
    public record PartnershipSnapshot(JsonNode partnership, JsonNode partner, List<JsonNode> statusChanges) {
    }

    /** The log checkpoint the figures cite, with its signed note. */
    public record CheckpointSnapshot(long size, String root, String note) {
    }

    /** From the previous published disclosure of the jurisdiction to this one's checkpoint. */
    public record PreviousSnapshot(UUID disclosureId, long size, String root, List<String> consistencyProof) {
    }

    /** Everything one report is rendered from. */
    public record Snapshot(Instant asOf, List<PartnershipSnapshot> partnerships, JsonNode figures,
            CheckpointSnapshot checkpoint, PreviousSnapshot previous) {
    }

    private final PartnershipClient partnerships;
    private final AuditClient audit;
    private final DisclosureConfig config;

    SnapshotCollector(@RestClient PartnershipClient partnerships, @RestClient AuditClient audit,
            DisclosureConfig config) {
        this.partnerships = partnerships;
        this.audit = audit;
        this.config = config;
    }

    /** The partnerships named, or every one active in the period in a market of the template's jurisdiction. */
    public List<PartnershipSnapshot> partnerships(Template template, Instant start, Instant end, List<UUID> named) {
        Instant asOf = asOf(end);
        List<PartnershipSnapshot> found = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (named != null && !named.isEmpty()) {
            named.forEach(id -> ids.add(id.toString()));
        } else {
            String after = null;
            do {
                String cursor = after;
                JsonNode page = call("partnership-service", () -> partnerships.list(cursor, PAGE));
                for (JsonNode item : page.path("items")) {
                    ids.add(item.path("id").asText());
                }
                after = page.path("next").isTextual() ? page.path("next").asText() : null;
            } while (after != null);
        }
        boolean explicit = named != null && !named.isEmpty();
        Map<String, JsonNode> partners = new HashMap<>();
        for (String id : ids) {
            JsonNode atEnd = findAt(id, asOf);
            if (atEnd == null) {
                if (explicit) {
                    throw ProblemException.invalidField("partnershipIds", "partnership " + id
                            + " did not exist by the end of the period");
                }
                continue;
            }
            List<String> markets = new ArrayList<>();
            atEnd.path("markets").forEach(m -> markets.add(m.asText()));
            if (!explicit && !template.covers(markets)) {
                continue; // decided without reading its history
            }
            List<JsonNode> changes = statusChanges(id, start, end);
            boolean active = changes.stream().anyMatch(c -> "ACTIVE".equals(c.path("to").asText()))
                    || statusAt(id, start).equals("ACTIVE");
            if (!explicit && !active) {
                continue;
            }
            // partnerships with one partner share its record
            JsonNode partner = partners.computeIfAbsent(atEnd.path("partnerId").asText(),
                    partnerId -> call("partnership-service", () -> partnerships.partner(partnerId)));
            found.add(new PartnershipSnapshot(atEnd, partner, changes));
        }
        return found;
    }

    /** The figures of these partnerships over [start, end), waiting while the analytics move between checkpoints. */
    public JsonNode figures(List<UUID> ids, Instant start, Instant end) {
        List<String> params = ids.stream().map(UUID::toString).toList();
        long deadline = System.nanoTime() + config.figuresWait().toNanos();
        while (true) {
            Response response = call("audit-service", () -> audit.figures(params, start.toString(), end.toString()));
            if (response.getStatus() == 200) {
                return response.readEntity(JsonNode.class);
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() != 503 || System.nanoTime() > deadline) {
                Log.warnf("audit-service figures: HTTP %d %s", response.getStatus(), body);
                throw unavailable("audit-service", "its figures answered HTTP " + response.getStatus());
            }
            sleep(500);
        }
    }

    public CheckpointSnapshot checkpoint(long size, String root) {
        if (size == 0 || root == null) {
            throw unavailable("audit-service", "the log has no signed checkpoint yet");
        }
        JsonNode list = call("audit-service", () -> audit.checkpoint(size));
        JsonNode checkpoint = list.path(0);
        if (checkpoint.path("size").asLong(-1) != size || !root.equals(checkpoint.path("root").asText())) {
            throw unavailable("audit-service", "checkpoint " + size + " does not match the figures' root");
        }
        return new CheckpointSnapshot(size, root, checkpoint.path("note").asText());
    }

    public List<String> consistency(long from, long to) {
        if (from == to) {
            return List.of();
        }
        if (from > to) {
            throw unavailable("audit-service", "its analytics stand at " + to
                    + " entries, behind the previous disclosure's checkpoint of " + from + "; retry shortly");
        }
        List<String> path = new ArrayList<>();
        call("audit-service", () -> audit.consistency(from, to)).path("path").forEach(h -> path.add(h.asText()));
        return path;
    }

    private JsonNode findAt(String id, Instant at) {
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

    private String statusAt(String id, Instant at) {
        JsonNode then = findAt(id, at);
        return then == null ? "" : then.path("status").asText();
    }

    /** The lifecycle transitions that took effect in [start, end), oldest first. */
    private List<JsonNode> statusChanges(String id, Instant start, Instant end) {
        List<JsonNode> changes = new ArrayList<>();
        String after = null;
        do {
            String cursor = after;
            JsonNode page = call("partnership-service", () -> partnerships.revisions(id, cursor, PAGE));
            for (JsonNode revision : page.path("items")) {
                Instant validFrom = Instant.parse(revision.path("validFrom").asText());
                if ("TRANSITIONED".equals(revision.path("kind").asText()) && !validFrom.isBefore(start)
                        && validFrom.isBefore(end)) {
                    int number = revision.path("revision").asInt();
                    JsonNode full = call("partnership-service", () -> partnerships.revision(id, number));
                    changes.add(full.path("partnership").path("lastTransition"));
                }
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return changes;
    }

    /** The instant the partnership records are read at: the period's last microsecond, or now if sooner. */
    static Instant asOf(Instant end) {
        Instant last = end.minus(1, ChronoUnit.MICROS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return last.isBefore(now) ? last : now;
    }

    private static <T> T call(String source, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw unavailable(source, "HTTP " + e.getResponse().getStatus());
        } catch (ProcessingException | FaultToleranceException e) {
            throw unavailable(source, e.getMessage());
        }
    }

    static ProblemException unavailable(String source, String why) {
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
