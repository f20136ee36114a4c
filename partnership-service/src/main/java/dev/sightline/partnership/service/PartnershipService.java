package dev.sightline.partnership.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sightline.partnership.domain.Partner;
import dev.sightline.partnership.domain.PartnerRepository;
import dev.sightline.partnership.domain.Partnership;
import dev.sightline.partnership.domain.PartnershipRepository;
import dev.sightline.partnership.domain.PartnershipRevision;
import dev.sightline.partnership.domain.PartnershipRevisionRepository;
import dev.sightline.partnership.domain.PartnershipStatus;
import dev.sightline.partnership.domain.RevisionKind;
import dev.sightline.partnership.domain.RiskClass;
import dev.sightline.partnership.rest.dto.AiSystem;
import dev.sightline.partnership.rest.dto.DataPolicy;
import dev.sightline.partnership.rest.dto.Feature;
import dev.sightline.partnership.rest.dto.PartnershipPage;
import dev.sightline.partnership.rest.dto.PartnershipRequest;
import dev.sightline.partnership.rest.dto.PartnershipSummary;
import dev.sightline.partnership.rest.dto.PartnershipView;
import dev.sightline.partnership.rest.dto.PolicyView;
import dev.sightline.partnership.rest.dto.RevisionPage;
import dev.sightline.partnership.rest.dto.RevisionSummary;
import dev.sightline.partnership.rest.dto.RevisionView;
import dev.sightline.partnership.rest.dto.StatusChange;
import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.security.Caller;
import dev.sightline.support.validation.CountryCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Partnerships, their revisions and their lifecycle. Every change writes a new immutable revision (the full
 * record as JSON) next to the current state; every read and write records an audit event in the same
 * transaction, which is why the reads are transactional too.
 */
@ApplicationScoped
public class PartnershipService {
    /** Bookkeeping that changes with every revision and so is not a "change" of the record. */
    private static final Set<String> BOOKKEEPING = Set.of("revision", "createdAt", "createdBy", "updatedAt",
            "updatedBy", "lastTransition");

    private final PartnershipRepository partnerships;
    private final PartnershipRevisionRepository revisions;
    private final PartnerRepository partners;
    private final ActivationGate gate;
    private final Taxonomy taxonomy;
    private final Jurisdictions jurisdictions;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final ObjectReader snapshotReader;

    PartnershipService(PartnershipRepository partnerships, PartnershipRevisionRepository revisions,
            PartnerRepository partners, ActivationGate gate, Taxonomy taxonomy, Jurisdictions jurisdictions,
            AuditTrail audit, ObjectMapper mapper) {
        this.partnerships = partnerships;
        this.revisions = revisions;
        this.partners = partners;
        this.gate = gate;
        this.taxonomy = taxonomy;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
        this.mapper = mapper;
        // Old snapshots stay readable when later versions of the record add fields.
        this.snapshotReader = mapper.readerFor(PartnershipView.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Transactional
    public PartnershipView create(PartnershipRequest request, Caller caller) {
        validate(request);
        if (partnerships.existsByReference(request.reference())) {
            throw ProblemException.conflict("A partnership with reference " + request.reference() + " exists");
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        PartnershipView view = build(id, request, PartnershipStatus.DRAFT, 1, now, caller.id(), now, caller.id(), null);
        Partnership p = new Partnership();
        p.id = id;
        p.createdAt = now;
        p.createdBy = caller.id();
        apply(p, view);
        partnerships.persist(p);
        appendRevision(view, RevisionKind.CREATED, "Created in DRAFT", null, List.of());
        try {
            partnerships.flush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // Two creates with the same reference raced past the check above; the unique index decided.
            throw ProblemException.conflict("A partnership with reference " + request.reference() + " exists");
        }
        audit.record(caller, Action.WRITE, id);
        return view;
    }

    /** Replaces the record with {@code request} as a new revision; {@code ifMatch} must name the current one. */
    @Transactional
    public PartnershipView update(UUID id, PartnershipRequest request, String ifMatch, Caller caller) {
        Partnership p = partnerships.findForUpdate(id).orElseThrow(() -> notFound(id));
        EntityTags.requireMatch(ifMatch, p.revision, "partnership");
        if (!p.status.editable()) {
            throw ProblemException.conflict("A partnership in status " + p.status + " cannot be edited; only DRAFT, "
                    + "ACTIVE and SUSPENDED ones can", List.of(new FieldError("status", "is " + p.status)));
        }
        validate(request);
        if (!request.reference().equals(p.reference) && partnerships.existsByReference(request.reference())) {
            throw ProblemException.conflict("A partnership with reference " + request.reference() + " exists");
        }
        PartnershipView current = read(p.document);
        Instant now = nextInstant(p.updatedAt);
        PartnershipView next = build(id, request, p.status, p.revision + 1, p.createdAt, p.createdBy, now,
                caller.id(), current.lastTransition());
        List<String> changed = changedFields(current, next);
        audit.record(caller, Action.WRITE, id);
        if (changed.isEmpty()) {
            return current;
        }
        if (p.status == PartnershipStatus.ACTIVE) {
            refuseIfNotActivatable(next, "This change would leave the ACTIVE partnership without what activation "
                    + "requires");
        }
        apply(p, next);
        appendRevision(next, RevisionKind.UPDATED, "Changed " + String.join(", ", changed), null, changed);
        partnerships.flush();
        return next;
    }

    /** Moves the partnership along its lifecycle, or refuses with a 409 listing everything that is missing. */
    @Transactional
    public PartnershipView transition(UUID id, PartnershipStatus to, String reason, String ifMatch, Caller caller) {
        Partnership p = partnerships.findForUpdate(id).orElseThrow(() -> notFound(id));
        EntityTags.checkMatch(ifMatch, p.revision, "partnership");
        PartnershipStatus from = p.status;
        if (!from.canMoveTo(to)) {
            throw new ProblemException(409, "transition-refused", "Transition refused",
                    "A partnership cannot move from " + from + " to " + to,
                    List.of(new FieldError("to", from.next().isEmpty() ? from + " is final"
                            : "from " + from + " only " + from.next() + " are possible")));
        }
        if (to == PartnershipStatus.APPROVED && caller.id().equals(p.submittedBy)) {
            throw new ProblemException(409, "transition-refused", "Transition refused",
                    "Four eyes: " + caller.id() + " submitted this partnership for review and cannot approve it",
                    List.of(new FieldError("actor", "must differ from " + p.submittedBy
                            + ", who submitted it for review")));
        }
        PartnershipView current = read(p.document);
        if (to == PartnershipStatus.ACTIVE) {
            refuseIfNotActivatable(current, "The partnership cannot become ACTIVE yet");
        }
        if (to == PartnershipStatus.UNDER_REVIEW) {
            p.submittedBy = caller.id();
        }
        Instant now = nextInstant(p.updatedAt);
        StatusChange change = new StatusChange(from, to, caller.id(), reason.strip(), now);
        PartnershipView next = withStatus(current, to, p.revision + 1, now, caller.id(), change);
        apply(p, next);
        appendRevision(next, RevisionKind.TRANSITIONED, from + " → " + to, change.reason(), List.of("status"));
        partnerships.flush();
        audit.record(caller, Action.WRITE, id);
        return next;
    }

    /** The current record, or with {@code at} the revision in force at that instant. */
    @Transactional
    public PartnershipView find(UUID id, String at, Caller caller) {
        PartnershipView view;
        if (at == null) {
            view = read(partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id)).document);
        } else {
            Instant instant = parseAt(at);
            partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
            view = read(revisions.findInForceAt(id, instant).orElseThrow(() -> ProblemException.notFound(
                    "Partnership " + id + " did not exist yet at " + instant)).snapshot);
        }
        audit.record(caller, Action.READ, id);
        return view;
    }

    /** One page of partnerships; each one returned counts as a read of it. */
    @Transactional
    public PartnershipPage list(String status, String partnerId, String market, String riskClass, String text,
            String after, Integer limit, Caller caller) {
        int size = Cursor.limit(limit);
        List<FieldError> errors = new ArrayList<>();
        PartnershipStatus statusFilter = parseEnum(PartnershipStatus.class, "status", status, errors);
        RiskClass riskFilter = parseEnum(RiskClass.class, "riskClass", riskClass, errors);
        UUID partnerFilter = null;
        if (partnerId != null && !partnerId.isBlank()) {
            try {
                partnerFilter = UUID.fromString(partnerId);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("partnerId", "must be a UUID"));
            }
        }
        String marketFilter = PartnerService.blankToNull(market);
        if (marketFilter != null && !CountryCode.Validator.isCountry(marketFilter)
                && !jurisdictions.isRegion(marketFilter)) {
            errors.add(new FieldError("market", "must be an ISO 3166-1 alpha-2 country code or the region code EU"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Cursor cursor = Cursor.decode(after);
        List<Partnership> page = partnerships.findPage(new PartnershipRepository.Filter(statusFilter, partnerFilter,
                marketFilter, riskFilter, PartnerService.blankToNull(text)),
                cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), size + 1);
        List<Partnership> items = page.stream().limit(size).toList();
        Map<UUID, String> names = items.isEmpty() ? Map.of()
                : partners.find("id in ?1", items.stream().map(p -> p.partnerId).distinct().toList()).stream()
                        .collect(Collectors.toMap(pa -> pa.id, pa -> pa.legalName));
        audit.record(caller, Action.READ, items.stream().map(p -> p.id).toList());
        String next = page.size() > size ? new Cursor(items.get(size - 1).createdAt, items.get(size - 1).id).encode()
                : null;
        return new PartnershipPage(items.stream().map(p -> summary(p, names.get(p.partnerId))).toList(), next);
    }

    @Transactional
    public RevisionPage revisions(UUID id, String after, Integer limit, Caller caller) {
        int size = Cursor.limit(limit);
        int afterRevision = 0;
        if (after != null && !after.isBlank()) {
            try {
                afterRevision = Integer.parseInt(after);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("after", "must be a revision number");
            }
        }
        partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        List<PartnershipRevision> page = revisions.findPage(id, afterRevision, size + 1);
        List<RevisionSummary> items = page.stream().limit(size).map(PartnershipService::summary).toList();
        audit.record(caller, Action.READ, id);
        return new RevisionPage(items, page.size() > size ? Integer.toString(items.get(size - 1).revision()) : null);
    }

    @Transactional
    public RevisionView revision(UUID id, int number, Caller caller) {
        PartnershipRevision r = revisions.findRevision(id, number).orElseThrow(() -> ProblemException.notFound(
                "Partnership " + id + " has no revision " + number));
        audit.record(caller, Action.READ, id);
        return new RevisionView(r.revision, r.validFrom, r.actor, r.kind, r.summary, r.reason,
                List.of(r.changedFields), read(r.snapshot));
    }

    /**
     * The data policy in force at {@code at} (default now), for judging access events, with the interval in which
     * that revision is in force so callers can cache it.
     */
    @Transactional
    public PolicyView policy(UUID id, String at, Caller caller) {
        Instant instant = at == null ? now() : parseAt(at);
        partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        PartnershipRevision inForce = revisions.findInForceAt(id, instant).orElse(null);
        Instant validUntil = revisions.findFirstAfter(id, instant).map(r -> r.validFrom).orElse(null);
        audit.record(caller, Action.READ, id);
        if (inForce == null) {
            return new PolicyView(id, null, instant, null, null, null, false, List.of(), List.of(), List.of(),
                    List.of(), List.of(), null, false, taxonomy.sensitiveKeys(), taxonomy.version(), null, validUntil,
                    null, null, false, List.of());
        }
        PartnershipView view = read(inForce.snapshot);
        Partner partner = partners.findById(view.partnerId());
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        boolean active = view.status() == PartnershipStatus.ACTIVE && view.effectiveFrom() != null
                && !day.isBefore(view.effectiveFrom()) && (view.effectiveTo() == null || !day.isAfter(view.effectiveTo()));
        DataPolicy policy = view.dataPolicy();
        return new PolicyView(id, view.revision(), instant, view.status(), view.effectiveFrom(), view.effectiveTo(),
                active, policy.allowedCategories(), policy.forbiddenCategories(), policy.allowedModes(),
                policy.allowedCountries(), policy.allowedPurposes(), policy.retentionDays(),
                Boolean.TRUE.equals(policy.sensitiveAllowed()), taxonomy.sensitiveKeys(), taxonomy.version(),
                inForce.validFrom, validUntil, view.partnerId(), partner == null ? null
                        : partner.headquartersCountry != null ? partner.headquartersCountry : partner.countryOfIncorporation,
                partner != null && jurisdictions.isCoveredPerson(partner.countryOfIncorporation,
                        partner.headquartersCountry),
                view.markets() == null ? List.of() : view.markets());
    }

    private void refuseIfNotActivatable(PartnershipView view, String detail) {
        Partner partner = partners.findById(view.partnerId());
        List<FieldError> missing = gate.missingForActive(view, new ActivationGate.PartnerFacts(partner.legalName,
                jurisdictions.isCoveredPerson(partner.countryOfIncorporation, partner.headquartersCountry)),
                LocalDate.now(ZoneOffset.UTC));
        if (!missing.isEmpty()) {
            throw new ProblemException(409, "transition-refused", "Transition refused",
                    detail + ": " + missing.size() + " item(s) missing", missing);
        }
    }

    /** Checks across fields that bean validation cannot see; all problems in one 400. */
    private void validate(PartnershipRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (partners.findByIdOptional(request.partnerId()).isEmpty()) {
            errors.add(new FieldError("partnerId", "no partner with this id; register it first"));
        }
        if (request.effectiveFrom() != null && request.effectiveTo() != null
                && request.effectiveTo().isBefore(request.effectiveFrom())) {
            errors.add(new FieldError("effectiveTo", "must not be before effectiveFrom"));
        }
        DataPolicy policy = request.dataPolicy() == null ? null : request.dataPolicy().normalised();
        if (policy != null) {
            for (int i = 0; i < policy.forbiddenCategories().size(); i++) {
                if (policy.allowedCategories().contains(policy.forbiddenCategories().get(i))) {
                    errors.add(new FieldError("dataPolicy.forbiddenCategories[" + i + "]",
                            "is also an allowed category"));
                }
            }
        }
        duplicates(request.features(), Feature::key, "features", ".key", errors);
        duplicates(request.markets(), Function.identity(), "markets", "", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    private static <T> void duplicates(List<T> items, Function<T, String> key, String field, String suffix,
            List<FieldError> errors) {
        if (items == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && !seen.add(key.apply(items.get(i)))) {
                errors.add(new FieldError(field + "[" + i + "]" + suffix, "is listed twice"));
            }
        }
    }

    private static PartnershipView build(UUID id, PartnershipRequest r, PartnershipStatus status, int revision,
            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, StatusChange last) {
        DataPolicy policy = r.dataPolicy() == null ? new DataPolicy(null, null, null, null, null, null, null)
                : r.dataPolicy();
        return new PartnershipView(id, r.reference(), r.title().strip(), r.description(), r.owner().strip(),
                r.effectiveFrom(), r.effectiveTo(), r.partnerId(), status, list(r.aiSystems()), list(r.features()),
                list(r.markets()), policy.normalised(), list(r.transfers()), list(r.legalBases()),
                list(r.assessments()), list(r.filings()), list(r.publicCommitments()), revision, createdAt,
                createdBy, updatedAt, updatedBy, last);
    }

    private static PartnershipView withStatus(PartnershipView v, PartnershipStatus status, int revision, Instant at,
            String actor, StatusChange change) {
        return new PartnershipView(v.id(), v.reference(), v.title(), v.description(), v.owner(), v.effectiveFrom(),
                v.effectiveTo(), v.partnerId(), status, v.aiSystems(), v.features(), v.markets(), v.dataPolicy(),
                v.transfers(), v.legalBases(), v.assessments(), v.filings(), v.publicCommitments(), revision,
                v.createdAt(), v.createdBy(), at, actor, change);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    /** Copies the view into the current-state row. */
    private void apply(Partnership p, PartnershipView v) {
        p.reference = v.reference();
        p.title = v.title();
        p.partnerId = v.partnerId();
        p.status = v.status();
        p.markets = v.markets().toArray(String[]::new);
        p.riskClasses = v.aiSystems().stream().map(AiSystem::riskClass).distinct().sorted().map(Enum::name)
                .toArray(String[]::new);
        p.effectiveFrom = v.effectiveFrom();
        p.effectiveTo = v.effectiveTo();
        p.revision = v.revision();
        p.document = write(v);
        p.updatedAt = v.updatedAt();
        p.updatedBy = v.updatedBy();
    }

    private void appendRevision(PartnershipView v, RevisionKind kind, String summary, String reason,
            List<String> changedFields) {
        PartnershipRevision r = new PartnershipRevision();
        r.id = UUID.randomUUID();
        r.partnershipId = v.id();
        r.revision = v.revision();
        r.validFrom = v.updatedAt();
        r.actor = v.updatedBy();
        r.kind = kind;
        r.summary = summary;
        r.reason = reason;
        r.changedFields = changedFields.toArray(String[]::new);
        r.snapshot = write(v);
        revisions.persist(r);
    }

    /** JSON paths (objects descended into, lists compared whole) where the two records differ. */
    List<String> changedFields(PartnershipView before, PartnershipView after) {
        List<String> changed = new ArrayList<>();
        diff("", mapper.valueToTree(before), mapper.valueToTree(after), changed);
        return changed;
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<String> changed) {
        if (before.isObject() && after.isObject()) {
            Set<String> names = new java.util.LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (path.isEmpty() && BOOKKEEPING.contains(name)) {
                    continue;
                }
                JsonNode a = before.path(name);
                JsonNode b = after.path(name);
                diff(path.isEmpty() ? name : path + "." + name, a.isMissingNode() ? mapperNull() : a,
                        b.isMissingNode() ? mapperNull() : b, changed);
            }
        } else if (!before.equals(after)) {
            changed.add(path);
        }
    }

    private static JsonNode mapperNull() {
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    private static PartnershipSummary summary(Partnership p, String partnerName) {
        return new PartnershipSummary(p.id, p.reference, p.title, p.partnerId, partnerName, p.status,
                List.of(p.markets), List.of(p.riskClasses), p.effectiveFrom, p.effectiveTo, p.revision, p.updatedAt);
    }

    private static RevisionSummary summary(PartnershipRevision r) {
        return new RevisionSummary(r.revision, r.validFrom, r.actor, r.kind, r.summary, r.reason,
                Arrays.asList(r.changedFields));
    }

    private String write(PartnershipView view) {
        try {
            return mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PartnershipView read(String json) {
        try {
            return snapshotReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable partnership snapshot", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Now, but strictly after the previous revision, so revisions never share an instant. */
    private static Instant nextInstant(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }

    static Instant parseAt(String at) {
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("at", "must be an ISO-8601 UTC instant such as 2026-03-01T00:00:00Z");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value,
            List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No partnership with id " + id);
    }
}
