package dev.sightline.audit.remediation;

import dev.sightline.audit.analytics.RegulatorVisibility;
import dev.sightline.audit.analytics.VerdictRules.Kind;
import dev.sightline.audit.log.ContactData;
import dev.sightline.audit.log.EventService;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.audit.log.rest.dto.AppendedView;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.audit.remediation.rest.dto.RemediationPage;
import dev.sightline.audit.remediation.rest.dto.RemediationRequest;
import dev.sightline.audit.remediation.rest.dto.RemediationView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.Cursor;
import dev.sightline.support.rest.PageSize;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.rest.Slice;
import dev.sightline.support.security.Caller;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Recording remediation revisions, each with its governance entry in the log, and listing them. */
@ApplicationScoped
public class RemediationService {
    /** The governance entry's feature and purpose, as the other services name their record keeping. */
    static final String FEATURE = "remediation-records";
    static final String PURPOSE = "governance";
    private static final int DEFAULT_PAGE = 100;

    private final RemediationRepository remediations;
    private final EventService events;
    private final RegulatorVisibility visibility;
    private final RemediationConfig config;

    RemediationService(RemediationRepository remediations, EventService events, RegulatorVisibility visibility,
            RemediationConfig config) {
        this.remediations = remediations;
        this.events = events;
        this.visibility = visibility;
        this.config = config;
    }

    /**
     * Records a new revision. Its governance entry is appended to the log (and durable) before the revision is
     * committed, so no revision exists without its entry; writers of the same partnership and kind are serialised,
     * so revisions are dense.
     */
    @Transactional
    public RemediationView record(UUID partnershipId, Kind kind, RemediationRequest request, Caller caller) {
        checkText(request.text());
        remediations.lock(partnershipId, kind.name());
        RemediationRecord record = new RemediationRecord();
        record.id = UUID.randomUUID();
        record.partnershipId = partnershipId;
        record.kind = kind.name();
        record.revision = remediations.latestRevision(partnershipId, kind.name()) + 1;
        record.status = request.status();
        record.text = request.text();
        record.recordedBy = caller.id();
        record.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AppendedView entry = events.appendOne(new EventRequest(record.id, record.recordedAt, partnershipId,
                new EventRequest.Actor(ActorType.valueOf(caller.actorType()), caller.id()), Action.WRITE, FEATURE,
                List.of(), 1L, null, new EventRequest.Processing(ProcessingMode.COMPANY_CLOUD, config.processingCountry()),
                PURPOSE, Outcome.ALLOWED, null));
        record.logSeq = entry.seq();
        remediations.persist(record);
        Log.infof("Remediation of %s in partnership %s is %s (revision %d, log entry %d)", kind, partnershipId,
                record.status, record.revision, record.logSeq);
        return view(record);
    }

    /** Revisions newest first; a regulator's only of partnerships offered in its jurisdictions' markets. */
    public RemediationPage list(UUID partnershipId, Kind kind, String after, String limit, Caller caller) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        Cursor cursor = Cursor.decode(after);
        List<UUID> among = null;
        if (caller.regulator()) {
            if (partnershipId != null) {
                visibility.require(partnershipId, caller.scope());
            } else {
                among = visibility.visible(caller.scope());
            }
        }
        Slice<RemediationRecord> page = Slice.of(remediations.findPage(partnershipId, kind == null ? null : kind.name(),
                among, cursor, size + 1), size);
        return new RemediationPage(page.map(RemediationService::view),
                page.next(r -> new Cursor(r.recordedAt, r.id).encode()));
    }

    private static void checkText(String text) {
        String unstorable = QueryParams.textProblem(text);
        if (unstorable != null) {
            throw ProblemException.invalidField("text", unstorable);
        }
        String contact = ContactData.find(text);
        if (contact != null) {
            throw ProblemException.invalidField("text", "must not hold contact data (it looks like " + contact
                    + "): the record is never erased");
        }
    }

    private static RemediationView view(RemediationRecord r) {
        return new RemediationView(r.partnershipId, r.kind, r.status, r.text, r.recordedBy, r.recordedAt, r.revision,
                r.logSeq);
    }
}
