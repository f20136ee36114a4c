package dev.sightline.audit.log.rest.dto;

import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Disposition;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.support.validation.CountryCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One access to user data, as a client reports it. Nothing here is a float; nothing is a raw identifier. Free text
 * ({@link #FREE_TEXT}) may hold no NUL, no lone surrogate and no contact data.
 */
@Schema(name = "Event", example = """
        {"eventId": "0b7c6a52-4d0e-4a43-9a39-0f5c2b8f6d11", "occurredAt": "2026-11-29T10:15:30Z",
         "partnershipId": "6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13",
         "actor": {"type": "PARTNER_SYSTEM", "id": "nimbus-llm-gateway"}, "action": "INFERENCE",
         "feature": "assistant", "dataCategories": ["user.content.voice"], "recordCount": 1,
         "subjectRef": "ps_bVAyvEv_TnXk5yfrZpwBlV3vs4jgdmefegJ0BeuQ69k",
         "processing": {"mode": "ON_DEVICE", "country": "DE"}, "purpose": "voice-assistance",
         "outcome": "ALLOWED"}""")
public record EventRequest(
        @Schema(description = "Client-chosen id; the idempotency key") @NotNull UUID eventId,
        @Schema(description = "When the access happened: an ISO-8601 UTC instant in the years 0001 to 9999")
        @NotNull Instant occurredAt,
        @NotNull UUID partnershipId,
        @NotNull @Valid Actor actor,
        @NotNull Action action,
        @Size(max = 100) @Pattern(regexp = KEY, message = KEY_MESSAGE) String feature,
        @Schema(description = "Dotted data-category keys of the taxonomy, e.g. user.content.voice")
        @NotNull @Size(max = 64) List<@NotNull @Size(max = 100) @Pattern(regexp = CATEGORY,
                message = CATEGORY_MESSAGE) String> dataCategories,
        @NotNull @PositiveOrZero @Max(9_007_199_254_740_991L) Long recordCount,
        @Schema(description = "The data subject's pseudonym: ps_ and the unpadded base64url form of an "
                + "HMAC-SHA-256 of the client's own subject id under a key only the client holds; anything else is "
                + "refused", pattern = PseudonymousRef.PATTERN, minLength = 46, maxLength = 46,
                example = PseudonymousRef.EXAMPLE)
        @PseudonymousRef String subjectRef,
        @NotNull @Valid Processing processing,
        @NotNull @Size(max = 100) @Pattern(regexp = KEY, message = KEY_MESSAGE) String purpose,
        @NotNull Outcome outcome,
        @Schema(description = "Required for AUTHORITY_REQUEST, absent otherwise") @Valid Authority authority,
        @Schema(description = "The AI model and version that served the request (EU AI Act Art. 12 traceability)")
        @Valid Model model,
        @Schema(description = "ISO 3166-1 alpha-2 code of the country from which the partner accessed the data, "
                + "when it differs from processing.country: remote access from abroad is a transfer",
                pattern = "^[A-Z]{2}$", example = "US")
        @CountryCode String accessCountry,
        @Schema(description = "The data subject's coarse region: an ISO 3166-1 alpha-2 country code, or US- and a "
                + "state for U.S. residents (US-CA for California)", pattern = SubjectRegion.PATTERN,
                example = "US-CA")
        @SubjectRegion String subjectRegion) {

    public static final String KEY = "[a-z0-9][a-z0-9._-]*";
    public static final String KEY_MESSAGE = "must be a lowercase key such as voice-assistance";
    public static final String CATEGORY = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*";
    public static final String CATEGORY_MESSAGE = "must be a dotted data-category key such as user.content.voice";
    public static final String FREE_TEXT = "Free text: no NUL, no lone surrogates, no contact data (e-mail addresses, "
            + "phone numbers, IBANs)";
    public static final String AUTHORITY_MESSAGE = "is required for action AUTHORITY_REQUEST and not allowed otherwise";

    /** An event without the optional fields added later (model, accessCountry, subjectRegion). */
    public EventRequest(UUID eventId, Instant occurredAt, UUID partnershipId, Actor actor, Action action, String feature,
            List<String> dataCategories, Long recordCount, String subjectRef, Processing processing, String purpose,
            Outcome outcome, Authority authority) {
        this(eventId, occurredAt, partnershipId, actor, action, feature, dataCategories, recordCount, subjectRef,
                processing, purpose, outcome, authority, null, null, null);
    }

    @AssertTrue(message = AUTHORITY_MESSAGE)
    @Schema(hidden = true)
    public boolean isAuthority() {
        return action == null || (action == Action.AUTHORITY_REQUEST) == (authority != null);
    }

    @Schema(name = "Actor")
    public record Actor(@NotNull ActorType type,
            @Schema(description = "The system or service account that accessed the data. " + FREE_TEXT)
            @NotBlank @Size(max = 200) String id) {
    }

    @Schema(name = "Processing")
    public record Processing(@NotNull ProcessingMode mode, @NotNull @CountryCode String country) {
    }

    @Schema(name = "Authority", description = "The authority behind an AUTHORITY_REQUEST")
    public record Authority(
            @Schema(description = "The authority's name. " + FREE_TEXT) @NotBlank @Size(max = 300) String name,
            @NotNull @CountryCode String country,
            @Schema(description = FREE_TEXT) @NotBlank @Size(max = 300) String legalInstrument,
            @NotNull Disposition disposition) {
    }

    @Schema(name = "Model", description = "An AI model as its provider names it", example = """
            {"name": "nimbus-llm", "version": "2026-10-01"}""")
    public record Model(@Schema(description = FREE_TEXT) @NotBlank @Size(max = 200) String name,
            @Schema(description = FREE_TEXT) @NotBlank @Size(max = 100) String version) {
    }
}
