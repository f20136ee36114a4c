package dev.sightline.disclosure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.domain.Disclosure;
import dev.sightline.disclosure.domain.DisclosureStatus;
import dev.sightline.disclosure.rest.dto.DisclosurePage;
import dev.sightline.disclosure.rest.dto.DisclosureRequest;
import dev.sightline.disclosure.rest.dto.DisclosureView;
import dev.sightline.disclosure.service.SnapshotCollector.PartnershipSnapshot;
import dev.sightline.disclosure.service.SnapshotCollector.PreviousSnapshot;
import dev.sightline.disclosure.service.SnapshotCollector.Snapshot;
import dev.sightline.disclosure.service.Templates.Template;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Caller;
import dev.sightline.verifier.json.CanonicalJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The disclosure workflow. Generation reads the other services first, outside any transaction, and stores the
 * finished draft in one short transaction, so a failing source leaves nothing behind. Publishing signs the
 * canonical bytes; from then on the row is frozen (here and by the database trigger).
 */
@ApplicationScoped
public class DisclosureService {
    private static final int MAX_PAGE = 500;

    private final Templates templates;
    private final SnapshotCollector collector;
    private final ReportBuilder builder;
    private final SigningKey key;
    private final ExportTrail exports;

    DisclosureService(Templates templates, SnapshotCollector collector, ReportBuilder builder, SigningKey key,
            ExportTrail exports) {
        this.templates = templates;
        this.collector = collector;
        this.builder = builder;
        this.key = key;
        this.exports = exports;
    }

    public DisclosureView create(DisclosureRequest request, Caller caller) {
        Template template = templates.of(request.jurisdiction());
        if (!request.periodStart().isBefore(request.periodEnd())) {
            throw ProblemException.invalidField("periodEnd", "must be after periodStart");
        }
        int version = 1;
        if (request.supersedes() != null) {
            Disclosure old = Disclosure.findById(request.supersedes());
            if (old == null || old.status != DisclosureStatus.PUBLISHED
                    || !old.jurisdiction.equals(request.jurisdiction())) {
                throw ProblemException.invalidField("supersedes",
                        "must name a PUBLISHED disclosure of the same jurisdiction");
            }
            version = old.version + 1;
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Generated generated = generate(new ReportBuilder.Header(id, version, template.id(), request.periodStart(),
                request.periodEnd(), now, caller.id(), request.supersedes()), template, request.partnershipIds());
        int finalVersion = version;
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = new Disclosure();
            d.id = id;
            d.jurisdiction = template.id();
            d.periodStart = request.periodStart();
            d.periodEnd = request.periodEnd();
            d.status = DisclosureStatus.DRAFT;
            d.version = finalVersion;
            d.template = template.id();
            d.templateVersion = template.version();
            d.supersedes = request.supersedes();
            d.authoredBy = caller.id();
            d.createdAt = now;
            apply(d, generated, now);
            d.persist();
            return DisclosureView.of(d);
        });
    }

    /** A DRAFT generated again from a fresh snapshot; whoever regenerates it becomes its author. */
    public DisclosureView regenerate(UUID id, Caller caller) {
        Disclosure current = find(id);
        requireDraft(current);
        Template template = templates.of(current.jurisdiction);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Generated generated = generate(new ReportBuilder.Header(id, current.version, current.jurisdiction,
                current.periodStart, current.periodEnd, now, caller.id(), current.supersedes), template,
                List.of(current.partnershipIds));
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = Disclosure.findById(id, LockModeType.PESSIMISTIC_WRITE);
            requireDraft(d);
            d.authoredBy = caller.id();
            d.templateVersion = template.version();
            apply(d, generated, now);
            return DisclosureView.of(d);
        });
    }

    public DisclosureView publish(UUID id, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = lock(id);
            requireDraft(d);
            if (d.authoredBy.equals(caller.id())) {
                throw new ProblemException(403, "four-eyes", "Four-eyes rule",
                        "Disclosure " + id + " was authored by " + caller.id()
                                + "; another disclosure-publisher must publish it", null);
            }
            Disclosure previous = latestPublished(d.jurisdiction);
            UUID previousId = previous == null ? null : previous.id;
            if (!Objects.equals(previousId, d.previousId)) {
                throw ProblemException.conflict("Disclosure " + previousId + " of " + d.jurisdiction
                        + " was published after this draft was generated; regenerate the draft so its log "
                        + "attestation starts from that disclosure's checkpoint");
            }
            Disclosure superseded = null;
            if (d.supersedes != null) {
                superseded = lock(d.supersedes);
                if (superseded.status != DisclosureStatus.PUBLISHED) {
                    throw ProblemException.conflict("Disclosure " + d.supersedes + " is " + superseded.status
                            + " and can no longer be superseded");
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ObjectNode report = (ObjectNode) CanonicalJson.parse(new String(d.report,
                    StandardCharsets.UTF_8));
            report.putObject("publication").put("publishedAt", now.toString()).put("publishedBy", caller.id());
            byte[] canonical = CanonicalJson.canonicalize(report);
            d.report = canonical;
            d.digest = sha256(canonical);
            d.signature = key.sign(canonical);
            d.keyId = key.jwk().kid();
            d.publishedBy = caller.id();
            d.publishedAt = now;
            d.updatedAt = now;
            d.status = DisclosureStatus.PUBLISHED;
            if (superseded != null) {
                superseded.status = DisclosureStatus.SUPERSEDED;
                superseded.supersededBy = d.id;
                superseded.updatedAt = now;
            }
            return DisclosureView.of(d);
        });
    }

    public DisclosureView withdraw(UUID id, String reason, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = lock(id);
            if (d.status != DisclosureStatus.PUBLISHED) {
                throw ProblemException.conflict("Disclosure " + id + " is " + d.status
                        + "; only a PUBLISHED disclosure can be withdrawn");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.status = DisclosureStatus.WITHDRAWN;
            d.withdrawnBy = caller.id();
            d.withdrawnAt = now;
            d.withdrawalReason = reason.strip();
            d.updatedAt = now;
            return DisclosureView.of(d);
        });
    }

    /** A DRAFT may be discarded; anything published stays. */
    public void delete(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Disclosure d = lock(id);
            requireDraft(d);
            d.delete();
        });
    }

    public DisclosurePage list(String jurisdiction, String status, Instant from, Instant to, String after, int limit,
            Caller caller) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (jurisdiction != null) {
            templates.of(jurisdiction);
            query.append(" AND jurisdiction = :jurisdiction");
            params.and("jurisdiction", jurisdiction);
        }
        if (status != null) {
            query.append(" AND status = :status");
            params.and("status", QueryParams.enumValue("status", status,
                    DisclosureStatus.class));
        }
        if (caller.regulator()) {
            query.append(" AND status = :published AND jurisdiction IN :mine");
            params.and("published", DisclosureStatus.PUBLISHED).and("mine",
                    caller.jurisdictions().isEmpty() ? List.of("-") : List.copyOf(caller.jurisdictions()));
        }
        if (from != null) {
            query.append(" AND periodEnd > :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" AND periodStart < :to");
            params.and("to", to);
        }
        if (after != null) {
            UUID cursor = QueryParams.uuid("after", after);
            Disclosure last = Disclosure.findById(cursor);
            if (last == null) {
                throw ProblemException.invalidField("after", "is not a cursor this list gave");
            }
            query.append(" AND (createdAt > :lastAt OR (createdAt = :lastAt AND id > :lastId))");
            params.and("lastAt", last.createdAt).and("lastId", last.id);
        }
        // indexes 0..limit, both inclusive: one row more than the page tells whether another page follows
        List<Disclosure> found = Disclosure.<Disclosure>find(query + " ORDER BY createdAt, id", params)
                .range(0, limit).list();
        List<DisclosureView> items = found.stream().limit(limit).map(DisclosureView::of).toList();
        String next = found.size() > limit ? found.get(limit - 1).id.toString() : null;
        return new DisclosurePage(items, next);
    }

    /** The disclosure as this caller may see it: a regulator sees only PUBLISHED ones of its jurisdictions. */
    public Disclosure readable(UUID id, Caller caller) {
        Disclosure d = Disclosure.findById(id);
        if (d == null || (caller.regulator() && (d.status != DisclosureStatus.PUBLISHED
                || !caller.mayRead(d.jurisdiction)))) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }

    /** Serves a download: for a regulator the download is recorded for the audit log in the same transaction. */
    public Disclosure download(UUID id, String format, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = readable(id, caller);
            if (caller.regulator()) {
                exports.record(caller, d, format);
            }
            return d;
        });
    }

    public DisclosureView view(UUID id, Caller caller) {
        return DisclosureView.of(readable(id, caller));
    }

    private record Generated(byte[] report, String digest, String ruleSet, UUID[] partnershipIds,
            long checkpointSize, UUID previousId) {
    }

    private Generated generate(ReportBuilder.Header header, Template template, List<UUID> named) {
        List<PartnershipSnapshot> partnerships = collector.partnerships(template, header.periodStart(),
                header.periodEnd(), named);
        if (partnerships.isEmpty()) {
            throw ProblemException.invalidField("partnershipIds", "no partnership was active in a market of "
                    + template.id() + " in the period; name the partnerships to disclose");
        }
        List<UUID> ids = new ArrayList<>();
        partnerships.forEach(p -> ids.add(UUID.fromString(p.partnership().path("id").asText())));
        JsonNode figures = collector.figures(ids, header.periodStart(), header.periodEnd());
        long size = figures.path("checkpoint").path("size").asLong();
        String root = figures.path("checkpoint").path("root").isTextual()
                ? figures.path("checkpoint").path("root").asText() : null;
        SnapshotCollector.CheckpointSnapshot checkpoint = collector.checkpoint(size, root);
        PreviousSnapshot previous = null;
        Disclosure last = latestPublished(template.id());
        if (last != null) {
            JsonNode attested = CanonicalJson.parse(new String(last.report, StandardCharsets.UTF_8))
                    .path("attestation").path("checkpoint");
            previous = new PreviousSnapshot(last.id, last.checkpointSize, attested.path("root").asText(),
                    collector.consistency(last.checkpointSize, size));
        }
        Snapshot snapshot = new Snapshot(SnapshotCollector.asOf(header.periodEnd()), partnerships, figures, checkpoint,
                previous);
        byte[] canonical = CanonicalJson.canonicalize(builder.build(header, template, snapshot));
        return new Generated(canonical, sha256(canonical), figures.path("ruleSetVersion").asText(),
                ids.toArray(UUID[]::new), size, last == null ? null : last.id);
    }

    private static void apply(Disclosure d, Generated generated, Instant now) {
        d.report = generated.report();
        d.digest = generated.digest();
        d.ruleSet = generated.ruleSet();
        d.partnershipIds = generated.partnershipIds();
        d.checkpointSize = generated.checkpointSize();
        d.previousId = generated.previousId();
        d.updatedAt = now;
    }

    /** The newest disclosure of a jurisdiction that was published (and may since have been superseded). */
    private static Disclosure latestPublished(String jurisdiction) {
        return Disclosure.<Disclosure>find("jurisdiction = ?1 AND status IN ?2 ORDER BY publishedAt DESC",
                jurisdiction, List.of(DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED)).firstResult();
    }

    private static Disclosure find(UUID id) {
        Disclosure d = Disclosure.findById(id);
        if (d == null) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }

    private static Disclosure lock(UUID id) {
        Disclosure d = Disclosure.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }

    private static void requireDraft(Disclosure d) {
        if (d.status != DisclosureStatus.DRAFT) {
            throw ProblemException.conflict("Disclosure " + d.id + " is " + d.status
                    + ": published disclosures never change; correct one with a new disclosure that supersedes it");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
