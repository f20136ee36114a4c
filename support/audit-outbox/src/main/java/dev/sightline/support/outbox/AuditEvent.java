package dev.sightline.support.outbox;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.sightline.support.security.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One access to user data, exactly as the audit-service's {@code POST /api/v1/events} (and its batch form) takes
 * it: the audit-service refuses any other property, so {@link #toJson()} writes these and only these, in this
 * order. Built with {@link #builder()} or, for this service's own accesses, {@link AuditOutbox#event}.
 */
@JsonPropertyOrder({ "eventId", "occurredAt", "partnershipId", "actor", "action", "feature", "dataCategories",
        "recordCount", "processing", "purpose", "outcome" })
public record AuditEvent(
        UUID eventId,
        @JsonSerialize(using = ToStringSerializer.class) Instant occurredAt,
        UUID partnershipId,
        Actor actor,
        Action action,
        String feature,
        List<String> dataCategories,
        long recordCount,
        Processing processing,
        String purpose,
        Outcome outcome) {

    // The audit-service's vocabularies (it refuses any other value).

    /** Who touched the data. */
    public enum ActorType { SERVICE, USER, PARTNER_SYSTEM, AUTHORITY }

    /** What was done to it. */
    public enum Action { READ, WRITE, INFERENCE, TRANSFER, EXPORT, DELETE, AUTHORITY_REQUEST }

    /** Where it was processed. */
    public enum ProcessingMode { ON_DEVICE, COMPANY_CLOUD, PARTNER_CLOUD }

    /** How the access ended. */
    public enum Outcome { ALLOWED, DENIED, ERROR }

    @JsonPropertyOrder({ "type", "id" })
    public record Actor(ActorType type, String id) {
        /** The caller as the audit log names it: {@code SERVICE} for a service account, else {@code USER}. */
        public static Actor of(Caller caller) {
            return new Actor(ActorType.valueOf(caller.actorType()), caller.id());
        }
    }

    @JsonPropertyOrder({ "mode", "country" })
    public record Processing(ProcessingMode mode, String country) {
    }

    /** Independent of the application's mapper settings, so the bytes never depend on them. */
    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(partnershipId, "partnershipId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(feature, "feature");
        dataCategories = List.copyOf(dataCategories);
        Objects.requireNonNull(processing, "processing");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The event's JSON as the audit-service takes it. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit event not writable as JSON", e);
        }
    }

    /**
     * Builds events; one builder may build several (one per partnership, say). Unless set, each {@link #build()}
     * takes a fresh random eventId and the current time, and the event covers one record of no listed data
     * category and was ALLOWED.
     */
    public static final class Builder {
        private UUID eventId;
        private Instant occurredAt;
        private UUID partnershipId;
        private Actor actor;
        private Action action;
        private String feature;
        private List<String> dataCategories = List.of();
        private long recordCount = 1;
        private Processing processing;
        private String purpose;
        private Outcome outcome = Outcome.ALLOWED;

        private Builder() {
        }

        public Builder eventId(UUID eventId) {
            this.eventId = eventId;
            return this;
        }

        /** Kept to the microsecond, the precision the audit log stores. */
        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
            return this;
        }

        public Builder partnershipId(UUID partnershipId) {
            this.partnershipId = partnershipId;
            return this;
        }

        public Builder actor(Caller caller) {
            this.actor = Actor.of(caller);
            return this;
        }

        public Builder action(Action action) {
            this.action = action;
            return this;
        }

        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        public Builder dataCategories(List<String> dataCategories) {
            this.dataCategories = dataCategories;
            return this;
        }

        public Builder recordCount(long recordCount) {
            this.recordCount = recordCount;
            return this;
        }

        public Builder processing(ProcessingMode mode, String country) {
            this.processing = new Processing(mode, country);
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(eventId != null ? eventId : UUID.randomUUID(),
                    occurredAt != null ? occurredAt : Instant.now().truncatedTo(ChronoUnit.MICROS), partnershipId,
                    actor, action, feature, dataCategories, recordCount, processing, purpose, outcome);
        }
    }
}
