package dev.sightline.disclosure.disclosures;

import dev.sightline.disclosure.disclosures.domain.Disclosure;
import dev.sightline.disclosure.disclosures.domain.DisclosureRepository;
import dev.sightline.disclosure.disclosures.domain.DisclosureStatus;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosurePage;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureRequest;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureView;
import dev.sightline.disclosure.disclosures.rest.dto.PublicDisclosurePage;
import dev.sightline.disclosure.disclosures.rest.dto.PublicDisclosureView;
import dev.sightline.disclosure.disclosures.rest.dto.PublishRequest;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.disclosure.reports.CsvRenderer;
import dev.sightline.disclosure.reports.PdfRenderer;
import dev.sightline.disclosure.reports.Report;
import dev.sightline.disclosure.reports.Report.Accountability;
import dev.sightline.disclosure.reports.Report.Company;
import dev.sightline.disclosure.reports.Report.Contact;
import dev.sightline.disclosure.reports.ReportFont;
import dev.sightline.disclosure.reports.UnprintableTextException;
import dev.sightline.disclosure.reports.ReportBuilder;
import dev.sightline.disclosure.reports.ReportFormat;
import dev.sightline.disclosure.reports.ReportJson;
import dev.sightline.disclosure.reports.Templates.Template;
import dev.sightline.disclosure.reports.Templates;
import dev.sightline.disclosure.client.AuditClient.SignedCheckpoint;
import dev.sightline.disclosure.snapshot.Figures;
import dev.sightline.disclosure.snapshot.Checkpoint;
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
    private final DisclosureConfig config;

    DisclosureService(DisclosureRepository disclosures, Templates templates, SnapshotCollector collector,
            ReportBuilder builder, SigningKey key, ExportTrail exports, DisclosureConfig config) {
        this.disclosures = disclosures;
        this.templates = templates;
        this.collector = collector;
        this.builder = builder;
        this.key = key;
        this.exports = exports;
        this.config = config;
    }

    public DisclosureView create(DisclosureRequest request, Caller caller) {
        Template template = templates.of(request.jurisdiction());
        Period period = period(request, template.zone());
        boolean unfinished = period.end().isAfter(Instant.now());
        if (unfinished && !Boolean.TRUE.equals(request.provisional())) {
            throw ProblemException.invalidField(request.periodEnd() != null ? "periodEnd" : "periodEndDate",
                    "the period has not ended yet (it ends " + period.end() + "); figures of an unfinished period "
                            + "are published only as a provisional report: send \"provisional\": true");
        }
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
                period.end(), now, caller.id(), request.supersedes(), unfinished), template,
                request.partnershipIds());
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
                current.periodStart, current.periodEnd, now, caller.id(), current.supersedes,
                current.periodEnd.isAfter(now)), template, List.of(current.partnershipIds));
        return QuarkusTransaction.requiringNew().call(() -> {
            Disclosure d = lock(id);
            requireDraft(d);
            d.authoredBy = caller.id();
            d.templateVersion = template.version();
            apply(d, generated, now);
            return view(d);
        });
    }

    /**
     * Publishes a draft with the publisher's attestation: recorded in the report, which is then digested and signed;
     * the CSV, the PDF (with report.json and its signature inside) and the signed manifest are rendered now and
     * stored, so every later download is byte for byte the same.
     */
    public DisclosureView publish(UUID id, PublishRequest request, Caller caller) {
        PublishRequest.Attestation given = request.attestation();
        printable("attestation.name", given.name());
        printable("attestation.title", given.title());
        printable("attestation.statement", given.statement());
        Report.PublisherAttestation attestation = new Report.PublisherAttestation(given.name().strip(),
                given.title().strip(), given.statement().strip());
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
            Report published = ReportJson.parse(d.report)
                    .withPublication(new Report.Publication(now, caller.id(), attestation));
            byte[] canonical = ReportJson.canonical(published);
            d.report = canonical;
            d.digest = sha256(canonical);
            d.signature = key.sign(canonical);
            d.keyId = key.jwk().kid();
            PublishedFiles files = PublishedFiles.render(published, canonical, d.digest, d.signature, d.keyId,
                    "CURRENT", "Published " + now + " as the current disclosure of " + d.jurisdiction + " for its "
                            + "period; whether it still is: GET /api/v1/disclosures/" + d.id + "/metadata (standing)",
                    key::sign);
            d.csv = files.csv();
            d.pdf = files.pdf();
            d.manifest = files.manifest();
            d.manifestSignature = files.manifestSignature();
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
        return new DisclosurePage(page.map(this::view),
                page.next(d -> new Cursor(d.createdAt, d.id).encode()));
    }

    /**
     * What anyone may read: the metadata of every disclosure that is or was published, labelled with its standing;
     * never a draft, never the report.
     */
    public PublicDisclosurePage publicList(String jurisdiction, String after, Integer limit) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        if (jurisdiction != null) {
            templates.of(jurisdiction);
        }
        Slice<Disclosure> page = Slice.of(disclosures.findPage(DisclosureRepository.Filter.everPublished(jurisdiction),
                Cursor.decode(after), size + 1), size);
        return new PublicDisclosurePage(page.map(d -> new PublicDisclosureView(d.id, d.jurisdiction, d.periodStart,
                d.periodEnd, zone(d), d.version, standing(d).standing(), d.publishedAt, d.digest, d.keyId,
                d.checkpointSize)),
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
        if (format == ReportFormat.JWS || format == ReportFormat.MANIFEST || format == ReportFormat.MANIFEST_JWS) {
            Disclosure d = readable(id, caller);
            if (d.signature == null) {
                throw ProblemException.notFound("Disclosure " + id + " is a DRAFT and not signed yet");
            }
            byte[] body = switch (format) {
                case JWS -> d.signature.getBytes(StandardCharsets.US_ASCII);
                case MANIFEST -> manifest(d);
                default -> manifestSignature(d);
            };
            return new Download(body, format.mediaType(), filename(d, format), null);
        }
        Disclosure d = QuarkusTransaction.requiringNew().call(() -> {
            Disclosure found = readable(id, caller);
            if (caller.regulator()) {
                exports.record(caller, found, format.name().toLowerCase(Locale.ROOT));
            }
            return found;
        });
        byte[] body = switch (format) {
            case CSV -> d.csv != null ? d.csv : CsvRenderer.render(ReportJson.parse(d.report), d.digest);
            case PDF -> d.pdf != null ? d.pdf : renderPdf(d);
            default -> d.report;
        };
        return new Download(body, format.mediaType(), filename(d, format), d.digest);
    }

    /**
     * The PDF of a draft (or of a disclosure published before files were stored), rendered now: a draft carries its
     * report.json inside, unsigned.
     */
    private byte[] renderPdf(Disclosure d) {
        Standing standing = standing(d);
        List<PdfRenderer.Attachment> attachments = new ArrayList<>();
        attachments.add(new PdfRenderer.Attachment("report.json", ReportFormat.JSON.mediaType(), "Source",
                "The report (RFC 8785 canonical JSON); its SHA-256 is the digest", d.report));
        if (d.signature != null) {
            attachments.add(new PdfRenderer.Attachment("report.json.jws", ReportFormat.JWS.mediaType(), "Supplement",
                    "Detached JWS (EdDSA) over report.json", d.signature.getBytes(StandardCharsets.US_ASCII)));
        }
        return PdfRenderer.render(ReportJson.parse(d.report), new PdfRenderer.Meta(d.status.name(), d.digest,
                d.keyId, standing.standing(), standing.note(), attachments));
    }

    /**
     * The manifest of a published disclosure: stored at publishing; for one published before manifests were, made
     * now over the files as served (deterministic for the JSON and signature; its CSV and PDF are rendered now).
     */
    private byte[] manifest(Disclosure d) {
        if (d.manifest != null) {
            return d.manifest;
        }
        byte[] csv = CsvRenderer.render(ReportJson.parse(d.report), d.digest);
        return PublishedFiles.manifest(d.id, d.digest, d.report, d.signature.getBytes(StandardCharsets.US_ASCII),
                csv, renderPdf(d));
    }

    private byte[] manifestSignature(Disclosure d) {
        String signature = d.manifestSignature != null ? d.manifestSignature : key.sign(manifest(d));
        return signature.getBytes(StandardCharsets.US_ASCII);
    }

    /** Which one counts: a disclosure's standing now, and the other published ones whose period overlaps it. */
    record Standing(String standing, List<UUID> overlaps, String note) {
    }

    private Standing standing(Disclosure d) {
        if (d.status != DisclosureStatus.PUBLISHED) {
            String note = switch (d.status) {
                case SUPERSEDED -> "superseded by " + d.supersededBy;
                case WITHDRAWN -> "withdrawn " + d.withdrawnAt + ": " + d.withdrawalReason;
                default -> "a draft counts for nothing until it is published";
            };
            return new Standing(d.status.name(), List.of(), note);
        }
        List<Disclosure> overlapping = disclosures.findPublishedOverlapping(d.jurisdiction, d.periodStart,
                d.periodEnd, d.id);
        List<UUID> ids = overlapping.stream().map(o -> o.id).toList();
        List<UUID> later = overlapping.stream().filter(o -> o.publishedAt.isAfter(d.publishedAt)).map(o -> o.id)
                .toList();
        if (!later.isEmpty()) {
            return new Standing("OVERLAPPED", ids, "published later and counting for the overlap: " + later);
        }
        return new Standing("CURRENT", ids, ids.isEmpty() ? "the one published disclosure of " + d.jurisdiction
                + " for this period" : "the latest published of the overlapping " + ids);
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
        Instant figuresAsOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SignedCheckpoint signed = collector.checkpoint(figures.checkpoint());
        Checkpoint checkpoint = signed.checkpoint();
        Disclosure last = disclosures.findLatestPublished(template.id()).orElse(null);
        PreviousDisclosure previous = null;
        if (last != null) {
            String attested = ReportJson.parse(last.report).attestation().checkpoint().root();
            previous = new PreviousDisclosure(last.id, last.checkpointSize, attested,
                    collector.consistency(last.checkpointSize, checkpoint.size()));
        }
        Snapshot snapshot = new Snapshot(Snapshot.asOf(header.periodEnd()), figuresAsOf, partnerships, figures,
                checkpoint, collector.logKey(signed.keyId()), previous);
        Report report = builder.build(header, template, snapshot, accountability(template));
        try {
            ReportJson.requirePrintable(report);
        } catch (UnprintableTextException e) {
            throw new ProblemException(422, "unprintable-text", "Text the report font cannot print", e.getMessage()
                    + "; nothing was stored. Correct the source record, or extend the report font.",
                    List.of(new Problem.FieldError(e.where(), e.getMessage())));
        }
        byte[] canonical = ReportJson.canonical(report);
        return new Generated(canonical, sha256(canonical), figures.ruleSetVersion(), ids.toArray(UUID[]::new),
                checkpoint.size(), last == null ? null : last.id);
    }

    /** The publishing company and the contact points the template names, from configuration. */
    private Accountability accountability(Template template) {
        DisclosureConfig.Publisher publisher = config.publisher();
        List<Contact> contacts = new ArrayList<>();
        for (String role : template.contactRoles()) {
            DisclosureConfig.Contact c = publisher.contacts().get(role);
            if (c != null) {
                contacts.add(new Contact(role, c.name(), c.email(), c.address().orElse(null)));
            }
        }
        return new Accountability(new Company(publisher.legalName(), publisher.address()), contacts);
    }

    /** A field of a request the report font must print; 400 naming it otherwise. */
    private static void printable(String field, String value) {
        int cp = ReportFont.firstUnprintable(value);
        if (cp >= 0) {
            throw ProblemException.invalidField(field, String.format(Locale.ROOT,
                    "holds U+%04X, which the report font cannot print", cp));
        }
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

    /** The jurisdiction's reporting time zone, as its template names it and its reports state it. */
    private String zone(Disclosure d) {
        return templates.of(d.jurisdiction).zone().getId();
    }

    /** e.g. sightline-disclosure-EU-2026-01-01-2026-07-01-v1.pdf, the dates in the reporting time zone. */
    private String filename(Disclosure d, ReportFormat format) {
        ZoneId zone = templates.of(d.jurisdiction).zone();
        return "sightline-disclosure-" + d.jurisdiction + "-" + LocalDate.ofInstant(d.periodStart, zone)
                + "-" + LocalDate.ofInstant(d.periodEnd, zone) + "-v" + d.version + format.extension();
    }

    private DisclosureView view(Disclosure d) {
        Standing standing = standing(d);
        return new DisclosureView(d.id, d.jurisdiction, d.periodStart, d.periodEnd, zone(d), d.status, d.version,
                d.template + " " + d.templateVersion, d.ruleSet, List.of(d.partnershipIds), d.checkpointSize, d.digest,
                d.keyId, d.authoredBy, d.createdAt, d.publishedBy, d.publishedAt, d.supersedes, d.supersededBy,
                d.withdrawnBy, d.withdrawnAt, d.withdrawalReason, standing.standing(),
                standing.standing().equals("CURRENT"), standing.overlaps());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
