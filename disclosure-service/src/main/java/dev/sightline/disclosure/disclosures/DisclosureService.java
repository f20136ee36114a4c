package dev.sightline.disclosure.disclosures;

import dev.sightline.disclosure.disclosures.domain.Disclosure;
import dev.sightline.disclosure.disclosures.domain.DisclosureRepository;
import dev.sightline.disclosure.disclosures.domain.DisclosureStatus;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosurePage;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureRequest;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureView;
import dev.sightline.disclosure.reports.CsvRenderer;
import dev.sightline.disclosure.reports.PdfRenderer;
import dev.sightline.disclosure.reports.Report;
import dev.sightline.disclosure.reports.ReportBuilder;
import dev.sightline.disclosure.reports.ReportFormat;
import dev.sightline.disclosure.reports.ReportJson;
import dev.sightline.disclosure.reports.Templates.Template;
import dev.sightline.disclosure.reports.Templates;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures;
import dev.sightline.disclosure.snapshot.PartnershipFacts;
import dev.sightline.disclosure.snapshot.PreviousDisclosure;
import dev.sightline.disclosure.snapshot.Snapshot;
import dev.sightline.disclosure.snapshot.SnapshotCollector;
import dev.sightline.disclosure.verification.SigningKey;
import dev.sightline.support.problem.Problem;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.Cursor;
import dev.sightline.support.rest.PageSize;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.rest.Slice;
import dev.sightline.support.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The disclosure workflow. Generation reads the other services first, outside any transaction, and stores the
 * finished draft in one short transaction, so a failing source leaves nothing behind. Publishing signs the
 * canonical bytes; from then on the row is frozen (here and by the database trigger).
 */
@ApplicationScoped
public class DisclosureService {
    /** The page size of the list when {@code limit} is absent, as the contract says. */
    static final int DEFAULT_PAGE = 100;

    private final DisclosureRepository disclosures;
    private final Templates templates;
    private final SnapshotCollector collector;
    private final ReportBuilder builder;
    private final SigningKey key;
    private final ExportTrail exports;

    DisclosureService(DisclosureRepository disclosures, Templates templates, SnapshotCollector collector,
            ReportBuilder builder, SigningKey key, ExportTrail exports) {
        this.disclosures = disclosures;
        this.templates = templates;
        this.collector = collector;
        this.builder = builder;
        this.key = key;
        this.exports = exports;
    }

    public DisclosureView create(DisclosureRequest request, Caller caller) {
        Template template = templates.of(request.jurisdiction());
        Period period = period(request, template.zone());
        int version = 1;
        if (request.supersedes() != null) {
            Disclosure old = disclosures.findById(request.supersedes());
            if (old == null || old.status != DisclosureStatus.PUBLISHED
                    || !old.jurisdiction.equals(request.jurisdiction())) {
                throw ProblemException.invalidField("supersedes",
                        "must name a PUBLISHED disclosure of the same jurisdiction");
            }
            version = old.version + 1;
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Generated generated = generate(new ReportBuilder.Header(id, version, template.id(), period.start(),
                period.end(), now, caller.id(), request.supersedes()), template, request.partnershipIds());
        int finalVersion = version;
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = new Disclosure();
            d.id = id;
            d.jurisdiction = template.id();
            d.periodStart = period.start();
            d.periodEnd = period.end();
            d.status = DisclosureStatus.DRAFT;
            d.version = finalVersion;
            d.template = template.id();
            d.templateVersion = template.version();
            d.supersedes = request.supersedes();
            d.authoredBy = caller.id();
            d.createdAt = now;
            apply(d, generated, now);
            disclosures.persist(d);
            return view(d);
        });
    }

    /** A period [start, end). */
    private record Period(Instant start, Instant end) {
    }

    /**
     * The requested period: the instants as given, or the dates' midnights in the reporting time zone. Either pair,
     * complete, and not both; 400 naming the fields otherwise.
     */
    private static Period period(DisclosureRequest request, ZoneId zone) {
        List<String> instants = given("periodStart", request.periodStart(), "periodEnd", request.periodEnd());
        List<String> dates = given("periodStartDate", request.periodStartDate(), "periodEndDate",
                request.periodEndDate());
        if (!instants.isEmpty() && !dates.isEmpty()) {
            String message = "give the period either as instants (periodStart, periodEnd) or as dates in "
                    + zone.getId() + " (periodStartDate, periodEndDate), not both";
            List<String> fields = new ArrayList<>(instants);
            fields.addAll(dates);
            throw ProblemException.badRequest("The period is given both as instants and as dates: "
                    + String.join(", ", fields), fields.stream().map(f -> new Problem.FieldError(f, message)).toList());
        }
        if (instants.isEmpty() && dates.isEmpty()) {
            String message = "required: the period as periodStart and periodEnd (instants) or as periodStartDate and "
                    + "periodEndDate (dates in " + zone.getId() + ")";
            throw ProblemException.badRequest("The period is missing", List.of(
                    new Problem.FieldError("periodStart", message), new Problem.FieldError("periodEnd", message)));
        }
        Period period;
        String startField;
        String endField;
        if (dates.isEmpty()) {
            startField = "periodStart";
            endField = "periodEnd";
            requirePair(instants, startField, endField);
            period = new Period(request.periodStart(), request.periodEnd());
        } else {
            startField = "periodStartDate";
            endField = "periodEndDate";
            requirePair(dates, startField, endField);
            period = new Period(request.periodStartDate().atStartOfDay(zone).toInstant(),
                    request.periodEndDate().atStartOfDay(zone).toInstant());
        }
        if (!period.start().isBefore(period.end())) {
            throw ProblemException.invalidField(endField, "must be after " + startField);
        }
        return period;
    }

    /** The names of the fields of a pair that are given, in order. */
    private static List<String> given(String first, Object firstValue, String second, Object secondValue) {
        List<String> given = new ArrayList<>(2);
        if (firstValue != null) {
            given.add(first);
        }
        if (secondValue != null) {
            given.add(second);
        }
        return given;
    }

    private static void requirePair(List<String> given, String first, String second) {
        if (!given.contains(first)) {
            throw ProblemException.invalidField(first, "required with " + second);
        }
        if (!given.contains(second)) {
            throw ProblemException.invalidField(second, "required with " + first);
        }
    }

    /** A DRAFT generated again from a fresh snapshot; whoever regenerates it becomes its author. */
    public DisclosureView regenerate(UUID id, Caller caller) {
        Disclosure current = disclosures.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No disclosure " + id));
        requireDraft(current);
        Template template = templates.of(current.jurisdiction);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Generated generated = generate(new ReportBuilder.Header(id, current.version, current.jurisdiction,
                current.periodStart, current.periodEnd, now, caller.id(), current.supersedes), template,
                List.of(current.partnershipIds));
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = lock(id);
            requireDraft(d);
            d.authoredBy = caller.id();
            d.templateVersion = template.version();
            apply(d, generated, now);
            return view(d);
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
            UUID previousId = disclosures.findLatestPublished(d.jurisdiction).map(p -> p.id).orElse(null);
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
            byte[] canonical = ReportJson.canonical(ReportJson.parse(d.report)
                    .withPublication(new Report.Publication(now, caller.id())));
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
            return view(d);
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
            return view(d);
        });
    }

    /** A DRAFT may be discarded; anything published stays. */
    public void delete(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Disclosure d = lock(id);
            requireDraft(d);
            disclosures.delete(d);
        });
    }

    public DisclosurePage list(String jurisdiction, String status, Instant from, Instant to, String after,
            Integer limit, Caller caller) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        if (jurisdiction != null) {
            templates.of(jurisdiction);
        }
        DisclosureStatus wanted = status == null ? null
                : QueryParams.enumValue("status", status, DisclosureStatus.class);
        DisclosureRepository.Filter filter = new DisclosureRepository.Filter(jurisdiction, wanted,
                caller.regulator() ? caller.jurisdictions() : null, from, to);
        Slice<Disclosure> page = Slice.of(disclosures.findPage(filter, Cursor.decode(after), size + 1), size);
        return new DisclosurePage(page.map(DisclosureService::view),
                page.next(d -> new Cursor(d.createdAt, d.id).encode()));
    }

    public DisclosureView view(UUID id, Caller caller) {
        return view(readable(id, caller));
    }

    /**
     * The disclosure in one format, for this caller. A regulator's download of the report is recorded for the
     * audit log in the transaction that serves it; the signature is served only once published.
     */
    public Download download(UUID id, ReportFormat format, Caller caller) {
        if (format == ReportFormat.JWS) {
            Disclosure d = readable(id, caller);
            if (d.signature == null) {
                throw ProblemException.notFound("Disclosure " + id + " is a DRAFT and not signed yet");
            }
            return new Download(d.signature.getBytes(StandardCharsets.US_ASCII), format.mediaType(),
                    filename(d, format), null);
        }
        Disclosure d = QuarkusTransaction.requiringNew().call(() -> {
            Disclosure found = readable(id, caller);
            if (caller.regulator()) {
                exports.record(caller, found, format.name().toLowerCase(Locale.ROOT));
            }
            return found;
        });
        byte[] body = switch (format) {
            case CSV -> CsvRenderer.render(ReportJson.parse(d.report), d.digest);
            case PDF -> PdfRenderer.render(ReportJson.parse(d.report), new PdfRenderer.Meta(d.status.name(), d.digest,
                    d.keyId, d.publishedBy, d.publishedAt == null ? null : d.publishedAt.toString()));
            default -> d.report;
        };
        return new Download(body, format.mediaType(), filename(d, format), d.digest);
    }

    /** The disclosure as this caller may see it: a regulator sees only PUBLISHED ones of its jurisdictions. */
    private Disclosure readable(UUID id, Caller caller) {
        Disclosure d = disclosures.findById(id);
        if (d == null || (caller.regulator() && (d.status != DisclosureStatus.PUBLISHED
                || !caller.mayRead(d.jurisdiction)))) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }

    private record Generated(byte[] report, String digest, String ruleSet, UUID[] partnershipIds,
            long checkpointSize, UUID previousId) {
    }

    private Generated generate(ReportBuilder.Header header, Template template, List<UUID> named) {
        List<PartnershipFacts> partnerships = collector.partnerships(template.markets(), header.periodStart(),
                header.periodEnd(), named);
        if (partnerships.isEmpty()) {
            throw ProblemException.invalidField("partnershipIds", "no partnership was active in a market of "
                    + template.id() + " in the period; name the partnerships to disclose");
        }
        List<UUID> ids = partnerships.stream().map(p -> p.partnership().id()).toList();
        Figures figures = collector.figures(ids, header.periodStart(), header.periodEnd());
        Checkpoint checkpoint = collector.checkpoint(figures.checkpoint());
        Disclosure last = disclosures.findLatestPublished(template.id()).orElse(null);
        PreviousDisclosure previous = null;
        if (last != null) {
            String attested = ReportJson.parse(last.report).attestation().checkpoint().root();
            previous = new PreviousDisclosure(last.id, last.checkpointSize, attested,
                    collector.consistency(last.checkpointSize, checkpoint.size()));
        }
        Snapshot snapshot = new Snapshot(Snapshot.asOf(header.periodEnd()), partnerships, figures, checkpoint,
                previous);
        byte[] canonical = ReportJson.canonical(builder.build(header, template, snapshot));
        return new Generated(canonical, sha256(canonical), figures.ruleSetVersion(), ids.toArray(UUID[]::new),
                checkpoint.size(), last == null ? null : last.id);
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

    private Disclosure lock(UUID id) {
        return disclosures.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("No disclosure " + id));
    }

    private static void requireDraft(Disclosure d) {
        if (d.status != DisclosureStatus.DRAFT) {
            throw ProblemException.conflict("Disclosure " + d.id + " is " + d.status
                    + ": published disclosures never change; correct one with a new disclosure that supersedes it");
        }
    }

    /** e.g. sightline-disclosure-EU-2026-01-01-2026-07-01-v1.pdf, the dates in the reporting time zone. */
    private String filename(Disclosure d, ReportFormat format) {
        ZoneId zone = templates.of(d.jurisdiction).zone();
        return "sightline-disclosure-" + d.jurisdiction + "-" + LocalDate.ofInstant(d.periodStart, zone)
                + "-" + LocalDate.ofInstant(d.periodEnd, zone) + "-v" + d.version + format.extension();
    }

    private static DisclosureView view(Disclosure d) {
        return new DisclosureView(d.id, d.jurisdiction, d.periodStart, d.periodEnd, d.status, d.version,
                d.template + " " + d.templateVersion, d.ruleSet, List.of(d.partnershipIds), d.checkpointSize, d.digest,
                d.keyId, d.authoredBy, d.createdAt, d.publishedBy, d.publishedAt, d.supersedes, d.supersededBy,
                d.withdrawnBy, d.withdrawnAt, d.withdrawalReason);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
