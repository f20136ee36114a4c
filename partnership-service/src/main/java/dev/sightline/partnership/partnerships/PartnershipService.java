package dev.sightline.partnership.partnerships;

import dev.sightline.partnership.jurisdictions.Jurisdictions;
import dev.sightline.partnership.partners.storage.Partner;
import dev.sightline.partnership.partners.storage.PartnerRepository;
import dev.sightline.partnership.partnerships.domain.ActivationGate;
import dev.sightline.partnership.partnerships.domain.DataPolicy;
import dev.sightline.partnership.partnerships.domain.PartnershipContent;
import dev.sightline.partnership.partnerships.domain.PartnershipRecord;
import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.partnership.partnerships.domain.PendingChange;
import dev.sightline.partnership.partnerships.domain.PolicyWidening;
import dev.sightline.partnership.partnerships.domain.RevisionKind;
import dev.sightline.partnership.partnerships.domain.RiskClass;
import dev.sightline.partnership.partnerships.domain.Stamp;
import dev.sightline.partnership.partnerships.domain.StatusChange;
import dev.sightline.partnership.partnerships.rest.PartnershipRequestMapper;
import dev.sightline.partnership.partnerships.rest.PartnershipViewMapper;
import dev.sightline.partnership.partnerships.rest.dto.ActivationCheck;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipPage;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipRequest;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipSummary;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipView;
import dev.sightline.partnership.partnerships.rest.dto.PolicyView;
import dev.sightline.partnership.partnerships.rest.dto.RevisionPage;
import dev.sightline.partnership.partnerships.rest.dto.RevisionSummary;
import dev.sightline.partnership.partnerships.rest.dto.RevisionView;
import dev.sightline.partnership.partnerships.rest.dto.Transfer;
import dev.sightline.partnership.partnerships.storage.Partnership;
import dev.sightline.partnership.partnerships.storage.PartnershipRepository;
import dev.sightline.partnership.partnerships.storage.PartnershipRevision;
import dev.sightline.partnership.partnerships.storage.PartnershipRevisionRepository;
import dev.sightline.partnership.partnerships.storage.PartnershipSnapshots;
import dev.sightline.partnership.rest.EntityTags;
import dev.sightline.partnership.rest.SearchText;
import dev.sightline.partnership.taxonomy.Taxonomy;
import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.Cursor;
import dev.sightline.support.rest.PageSize;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.rest.Slice;
import dev.sightline.support.security.Caller;
import dev.sightline.support.validation.CountryCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Partnerships, their revisions and their lifecycle. Requests are mapped once into the domain's
 * {@link PartnershipContent}; the rules and the storage work on {@link PartnershipRecord}s, and views are mapped
 * out of them. Every change writes a new immutable revision (the full record as JSON) next to the current state;
 * every read and write records an audit event in the same transaction, which is why the reads are transactional
 * too.
 */
@ApplicationScoped
public class PartnershipService {
    /** The page size of this service's lists when {@code limit} is absent, as the contract says. */
    static final int DEFAULT_PAGE = 50;

    private final PartnershipRepository partnerships;
    private final PartnershipRevisionRepository revisions;
    private final PartnershipSnapshots snapshots;
    private final PartnerRepository partners;
    private final ActivationGate gate;
    private final PolicyWidening widening;
    private final Taxonomy taxonomy;
    private final Jurisdictions jurisdictions;
    private final AuditTrail audit;
    private final VolumeThresholds volume;

    PartnershipService(PartnershipRepository partnerships, PartnershipRevisionRepository revisions,
            PartnershipSnapshots snapshots, PartnerRepository partners, ActivationGate gate, PolicyWidening widening,
            Taxonomy taxonomy, Jurisdictions jurisdictions, AuditTrail audit, VolumeThresholds volume) {
        this.partnerships = partnerships;
        this.revisions = revisions;
        this.snapshots = snapshots;
        this.partners = partners;
        this.gate = gate;
        this.widening = widening;
        this.taxonomy = taxonomy;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
        this.volume = volume;
    }

    @Transactional
    public PartnershipView create(PartnershipRequest request, Caller caller) {
        PartnershipContent content = PartnershipRequestMapper.content(request);
        validate(content);
        if (partnerships.existsByReference(content.reference())) {
            throw referenceTaken(content);
        }
        PartnershipRecord record = PartnershipRecord.created(UUID.randomUUID(), content, new Stamp(now(), caller.id()));
        Partnership p = new Partnership();
        p.id = record.id();
        p.createdAt = record.created().at();
        p.createdBy = record.created().by();
        apply(p, record);
        partnerships.persist(p);
        appendRevision(record, RevisionKind.CREATED, "Created in DRAFT", null, List.of());
        try {
            partnerships.flush();
        } catch (ConstraintViolationException e) {
            // Two creates with the same reference raced past the check above; the unique index decided.
            throw referenceTaken(content);
        }
        audit.record(caller, Action.WRITE, record.id());
        return PartnershipViewMapper.view(record);
    }

    /**
     * Replaces the record with {@code request} as a new revision; {@code ifMatch} must name the current one. On an
     * ACTIVE or SUSPENDED partnership, a change that widens the data policy is not applied but kept as the pending
     * change, for a second partnership manager to approve; anything else applies at once (and drops a change still
     * pending, since the request states the whole record its author wants).
     */
    @Transactional
    public Outcome update(UUID id, PartnershipRequest request, String ifMatch, Caller caller) {
        Partnership p = partnerships.findForUpdate(id).orElseThrow(() -> notFound(id));
        EntityTags.requireMatch(ifMatch, p.revision, "partnership");
        PartnershipRecord current = snapshots.read(p.document);
        if (!current.status().editable()) {
            throw ProblemException.conflict("A partnership in status " + current.status() + " cannot be edited; "
                    + "only DRAFT, ACTIVE and SUSPENDED ones can",
                    List.of(new FieldError("status", "is " + current.status())));
        }
        PartnershipContent content = PartnershipRequestMapper.content(request);
        validate(content);
        if (!content.reference().equals(current.content().reference())
                && partnerships.existsByReference(content.reference())) {
            throw referenceTaken(content);
        }
        Stamp stamp = new Stamp(nextInstant(p.updatedAt), caller.id());
        PartnershipRecord next = current.revised(content, stamp);
        List<String> changed = snapshots.changedFields(current, next);
        audit.record(caller, Action.WRITE, id);
        if (changed.isEmpty()) {
            return new Outcome(PartnershipViewMapper.view(current), true);
        }
        if (current.status() == PartnershipStatus.ACTIVE) {
            refuseIfNotActivatable(content, "This change would leave the ACTIVE partnership without what activation "
                    + "requires");
        }
        // A SUSPENDED partnership resumes without a new approval, so its widenings wait as an ACTIVE one's do.
        boolean approved = current.status() == PartnershipStatus.ACTIVE
                || current.status() == PartnershipStatus.SUSPENDED;
        List<String> widenings = approved ? widening.widenings(current.content().dataPolicy(), content.dataPolicy())
                : List.of();
        if (!widenings.isEmpty()) {
            PartnershipRecord proposed = current.proposed(new PendingChange(content, stamp, widenings));
            apply(p, proposed);
            appendRevision(proposed, RevisionKind.CHANGE_PROPOSED, "Proposed a change that widens the data policy "
                    + "(not in force until approved): " + String.join("; ", widenings), null,
                    snapshots.changedFields(current, proposed));
            partnerships.flush();
            return new Outcome(PartnershipViewMapper.view(proposed), false);
        }
        apply(p, next);
        appendRevision(next, RevisionKind.UPDATED, "Changed " + String.join(", ", changed), null, changed);
        partnerships.flush();
        return new Outcome(PartnershipViewMapper.view(next), true);
    }

    /** The record after an update, and whether the update is in force or waits for approval as a pending change. */
    public record Outcome(PartnershipView view, boolean inForce) {
    }

    /**
     * Approves or rejects the change pending on an ACTIVE or SUSPENDED partnership. Approval needs a partnership
     * manager other than its proposer and, for an ACTIVE partnership, the activation gate on the changed record.
     */
    @Transactional
    public PartnershipView decide(UUID id, boolean approve, String reason, String ifMatch, Caller caller) {
        Partnership p = partnerships.findForUpdate(id).orElseThrow(() -> notFound(id));
        EntityTags.checkMatch(ifMatch, p.revision, "partnership");
        PartnershipRecord current = snapshots.read(p.document);
        PendingChange pending = current.pendingChange();
        if (pending == null) {
            throw ProblemException.conflict("No change is pending on partnership " + id,
                    List.of(new FieldError("pendingChange", "is none")));
        }
        if (approve) {
            if (!current.status().editable()) {
                throw transitionRefused("A change cannot be approved on a partnership in status " + current.status(),
                        List.of(new FieldError("status", "is " + current.status())));
            }
            if (caller.id().equals(pending.proposed().by())) {
                throw transitionRefused("Four eyes: " + caller.id() + " proposed this change and cannot approve it",
                        List.of(new FieldError("actor", "must differ from " + pending.proposed().by()
                                + ", who proposed the change")));
            }
            if (!pending.content().reference().equals(current.content().reference())
                    && partnerships.existsByReference(pending.content().reference())) {
                throw referenceTaken(pending.content());
            }
            if (current.status() == PartnershipStatus.ACTIVE) {
                refuseIfNotActivatable(pending.content(), "The change would leave the ACTIVE partnership without what "
                        + "activation requires");
            }
        }
        PartnershipRecord next = current.decided(approve, new Stamp(nextInstant(p.updatedAt), caller.id()));
        List<String> changed = snapshots.changedFields(current, next);
        apply(p, next);
        appendRevision(next, approve ? RevisionKind.CHANGE_APPROVED : RevisionKind.CHANGE_REJECTED,
                (approve ? "Approved" : "Rejected") + " the change proposed by " + pending.proposed().by(),
                reason.strip(), changed);
        partnerships.flush();
        audit.record(caller, Action.WRITE, id);
        return PartnershipViewMapper.view(next);
    }

    /** What the partnership lacks to go ACTIVE today, as the gate at submission, approval and activation sees it. */
    @Transactional
    public ActivationCheck activationCheck(UUID id, Caller caller) {
        Partnership p = partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        PartnershipRecord record = snapshots.read(p.document);
        List<FieldError> missing = missingForActive(record.content());
        audit.record(caller, Action.READ, id);
        return new ActivationCheck(id, record.revision(), record.status(), missing.isEmpty(), missing);
    }

    /** Moves the partnership along its lifecycle, or refuses with a 409 listing everything that is missing. */
    @Transactional
    public PartnershipView transition(UUID id, PartnershipStatus to, String reason, String ifMatch, Caller caller) {
        Partnership p = partnerships.findForUpdate(id).orElseThrow(() -> notFound(id));
        EntityTags.checkMatch(ifMatch, p.revision, "partnership");
        PartnershipRecord current = snapshots.read(p.document);
        PartnershipStatus from = current.status();
        if (!from.canMoveTo(to)) {
            throw transitionRefused("A partnership cannot move from " + from + " to " + to,
                    List.of(new FieldError("to", from.next().isEmpty() ? from + " is final"
                            : "from " + from + " only " + from.next() + " are possible")));
        }
        if (to == PartnershipStatus.APPROVED) {
            refuseOwnApproval(p, current, caller);
        }
        if (to == PartnershipStatus.UNDER_REVIEW || to == PartnershipStatus.APPROVED
                || to == PartnershipStatus.ACTIVE) {
            refuseIfNotActivatable(current.content(), "The partnership cannot become " + to + " yet");
        }
        if (to == PartnershipStatus.UNDER_REVIEW) {
            p.submittedBy = caller.id();
        }
        StatusChange change = new StatusChange(from, to, caller.id(), reason.strip(), nextInstant(p.updatedAt));
        PartnershipRecord next = current.transitioned(change);
        apply(p, next);
        appendRevision(next, RevisionKind.TRANSITIONED, from + " → " + to, change.reason(), List.of("status"));
        partnerships.flush();
        audit.record(caller, Action.WRITE, id);
        return PartnershipViewMapper.view(next);
    }

    /** The current record, or with {@code at} the revision in force at that instant. */
    @Transactional
    public PartnershipView find(UUID id, Instant at, Caller caller) {
        Partnership p = partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        String document = at == null ? p.document
                : revisions.findInForceAt(id, at).orElseThrow(() -> ProblemException.notFound(
                        "Partnership " + id + " did not exist yet at " + at)).snapshot;
        audit.record(caller, Action.READ, id);
        return PartnershipViewMapper.view(snapshots.read(document));
    }

    /** One page of partnerships; each one returned counts as a read of it. */
    @Transactional
    public PartnershipPage list(String status, String partnerId, String market, String riskClass, String q,
            String after, String limit, Caller caller) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        List<FieldError> errors = new ArrayList<>();
        PartnershipStatus statusFilter = collect(() -> QueryParams.enumValue("status", status,
                PartnershipStatus.class), errors);
        RiskClass riskFilter = collect(() -> QueryParams.enumValue("riskClass", riskClass, RiskClass.class), errors);
        UUID partnerFilter = collect(() -> QueryParams.uuid("partnerId", partnerId), errors);
        String marketFilter = collect(() -> QueryParams.absent("market", market) ? null : market, errors);
        if (marketFilter != null && !CountryCode.Validator.isCountry(marketFilter)
                && !jurisdictions.isRegion(marketFilter)) {
            errors.add(new FieldError("market", "must be an ISO 3166-1 alpha-2 country code or the region code EU"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Cursor cursor = Cursor.decode(after);
        Slice<Partnership> page = Slice.of(partnerships.findPage(new PartnershipRepository.Filter(statusFilter,
                partnerFilter, marketFilter, riskFilter, SearchText.of(q)),
                cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), size + 1), size);
        Map<UUID, String> names = page.items().isEmpty() ? Map.of()
                : partners.find("id in ?1", page.map(p -> p.partnerId).stream().distinct().toList()).stream()
                        .collect(Collectors.toMap(pa -> pa.id, pa -> pa.legalName));
        audit.record(caller, Action.READ, page.map(p -> p.id));
        return new PartnershipPage(page.map(p -> summary(p, names.get(p.partnerId))),
                page.next(p -> new Cursor(p.createdAt, p.id).encode()));
    }

    /** One page of a partnership's revisions; the cursor is the last revision number seen. */
    @Transactional
    public RevisionPage revisions(UUID id, String after, String limit, Caller caller) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        Integer afterRevision = QueryParams.integer("after", after, 0);
        partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        Slice<PartnershipRevision> page = Slice.of(revisions.findPage(id, afterRevision == null ? 0 : afterRevision, size + 1), size);
        audit.record(caller, Action.READ, id);
        return new RevisionPage(page.map(PartnershipService::summary), page.next(r -> Integer.toString(r.revision)));
    }

    @Transactional
    public RevisionView revision(UUID id, int number, Caller caller) {
        PartnershipRevision r = revisions.findRevision(id, number).orElseThrow(() -> ProblemException.notFound(
                "Partnership " + id + " has no revision " + number));
        audit.record(caller, Action.READ, id);
        return new RevisionView(r.revision, r.validFrom, r.actor, r.kind, r.summary, r.reason,
                List.of(r.changedFields), PartnershipViewMapper.view(snapshots.read(r.snapshot)));
    }

    /**
     * The data policy in force at {@code at} (default now), for judging access events, with the interval in which
     * that revision is in force so callers can cache it.
     */
    @Transactional
    public PolicyView policy(UUID id, Instant at, Caller caller) {
        Instant instant = at == null ? now() : at;
        partnerships.findByIdOptional(id).orElseThrow(() -> notFound(id));
        PartnershipRevision inForce = revisions.findInForceAt(id, instant).orElse(null);
        Instant validUntil = revisions.findFirstAfter(id, instant).map(r -> r.validFrom).orElse(null);
        audit.record(caller, Action.READ, id);
        PolicyView.Builder policy = PolicyView.builder().partnershipId(id).at(instant)
                .sensitiveCategories(taxonomy.sensitiveKeys()).taxonomyVersion(taxonomy.version())
                .revisionValidUntil(validUntil);
        if (inForce == null) {
            return policy.build();
        }
        PartnershipRecord record = snapshots.read(inForce.snapshot);
        PartnershipContent content = record.content();
        DataPolicy data = content.dataPolicy();
        Partner partner = partners.findById(content.partnerId());
        return policy.revision(record.revision()).status(record.status())
                .effectiveFrom(content.effectiveFrom()).effectiveTo(content.effectiveTo())
                .active(record.activeOn(LocalDate.ofInstant(instant, ZoneOffset.UTC)))
                .allowedCategories(data.allowedCategories()).forbiddenCategories(data.forbiddenCategories())
                .allowedModes(data.allowedModes()).allowedCountries(data.allowedCountries())
                .allowedPurposes(data.allowedPurposes()).retentionDays(data.retentionDays())
                .sensitiveAllowed(Boolean.TRUE.equals(data.sensitiveAllowed()))
                .revisionValidFrom(inForce.validFrom)
                .partnerId(content.partnerId())
                .partnerCountry(partner == null ? null
                        : partner.headquartersCountry != null ? partner.headquartersCountry
                                : partner.countryOfIncorporation)
                .partnerCoveredPerson(partner != null && coveredPerson(partner))
                .markets(content.markets())
                .transfers(content.transfers().stream()
                        .map(t -> new Transfer(t.fromRegion(), t.toCountry(), t.mechanism(), t.reference())).toList())
                .build();
    }

    /**
     * Four eyes: whoever created the record, last changed its content or submitted it for review cannot approve it.
     */
    private void refuseOwnApproval(Partnership p, PartnershipRecord current, Caller caller) {
        String lastAuthor = revisions.findLastContentAuthor(p.id).orElse(current.created().by());
        String role = caller.id().equals(p.submittedBy) ? "submitted this partnership for review"
                : caller.id().equals(current.created().by()) ? "created this partnership"
                : caller.id().equals(lastAuthor) ? "last changed this partnership's content" : null;
        if (role != null) {
            throw transitionRefused("Four eyes: " + caller.id() + " " + role + " and cannot approve it",
                    List.of(new FieldError("actor", "must differ from whoever created the record ("
                            + current.created().by() + "), last changed its content (" + lastAuthor
                            + ") or submitted it (" + p.submittedBy + ")")));
        }
    }

    private void refuseIfNotActivatable(PartnershipContent content, String detail) {
        List<FieldError> missing = missingForActive(content);
        if (!missing.isEmpty()) {
            throw transitionRefused(detail + ": " + missing.size() + " item(s) missing", missing);
        }
    }

    private List<FieldError> missingForActive(PartnershipContent content) {
        Partner partner = partners.findById(content.partnerId());
        return gate.missingForActive(content,
                new ActivationGate.PartnerFacts(partner.legalName, coveredPerson(partner)),
                LocalDate.now(ZoneOffset.UTC), volume.crossings());
    }

    private boolean coveredPerson(Partner partner) {
        return jurisdictions.isCoveredPerson(partner.countryOfIncorporation, partner.headquartersCountry);
    }

    /** Checks across fields that bean validation cannot see; all problems in one 400. */
    private void validate(PartnershipContent content) {
        List<FieldError> errors = new ArrayList<>();
        if (partners.findByIdOptional(content.partnerId()).isEmpty()) {
            errors.add(new FieldError("partnerId", "no partner with this id; register it first"));
        }
        errors.addAll(content.inconsistencies());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    /** Copies the record into the current-state row. */
    private void apply(Partnership p, PartnershipRecord record) {
        PartnershipContent content = record.content();
        p.reference = content.reference();
        p.title = content.title();
        p.partnerId = content.partnerId();
        p.status = record.status();
        p.markets = content.markets().toArray(String[]::new);
        p.riskClasses = content.riskClasses().stream().map(Enum::name).toArray(String[]::new);
        p.effectiveFrom = content.effectiveFrom();
        p.effectiveTo = content.effectiveTo();
        p.revision = record.revision();
        p.document = snapshots.write(record);
        p.updatedAt = record.updated().at();
        p.updatedBy = record.updated().by();
    }

    private void appendRevision(PartnershipRecord record, RevisionKind kind, String summary, String reason,
            List<String> changedFields) {
        PartnershipRevision r = new PartnershipRevision();
        r.id = UUID.randomUUID();
        r.partnershipId = record.id();
        r.revision = record.revision();
        r.validFrom = record.updated().at();
        r.actor = record.updated().by();
        r.kind = kind;
        r.summary = summary;
        r.reason = reason;
        r.changedFields = changedFields.toArray(String[]::new);
        r.snapshot = snapshots.write(record);
        revisions.persist(r);
    }

    private static PartnershipSummary summary(Partnership p, String partnerName) {
        return PartnershipSummary.builder().id(p.id).reference(p.reference).title(p.title).partnerId(p.partnerId)
                .partnerName(partnerName).status(p.status).markets(List.of(p.markets))
                .riskClasses(List.of(p.riskClasses)).effectiveFrom(p.effectiveFrom).effectiveTo(p.effectiveTo)
                .revision(p.revision).updatedAt(p.updatedAt).build();
    }

    private static RevisionSummary summary(PartnershipRevision r) {
        return new RevisionSummary(r.revision, r.validFrom, r.actor, r.kind, r.summary, r.reason,
                List.of(r.changedFields));
    }

    /** Runs a query-parameter parse, adding its problem's field errors to {@code errors} instead of throwing. */
    private static <T> T collect(Supplier<T> parse, List<FieldError> errors) {
        try {
            return parse.get();
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
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

    private static ProblemException transitionRefused(String detail, List<FieldError> errors) {
        return new ProblemException(409, "transition-refused", "Transition refused", detail, errors);
    }

    private static ProblemException referenceTaken(PartnershipContent content) {
        return ProblemException.conflict("A partnership with reference " + content.reference() + " exists");
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No partnership with id " + id);
    }
}
