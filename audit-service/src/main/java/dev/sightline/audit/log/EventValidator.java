package dev.sightline.audit.log;

import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.audit.log.rest.dto.PseudonymousRef;
import dev.sightline.audit.log.rest.dto.SubjectRegion;
import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.validation.DateRange;
import dev.sightline.support.validation.CountryCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks events against the constraints their DTO declares, by hand: Bean Validation's reflective
 * walk over a thousand nested records was the largest cost of the append path. A test keeps the
 * two in agreement, so the declared constraints (which the OpenAPI document shows) stay the truth.
 * Beyond them it refuses, before anything reaches the group-commit writer, whatever PostgreSQL would
 * refuse (NUL, lone surrogates, instants outside the years 0001 to 9999)
 * and contact data in free text ({@link ContactData}), which the append-only log could never erase.
 */
final class EventValidator {
    /** The largest integer that JCS (and JavaScript) represent exactly. */
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private EventValidator() {
    }

    /** Refuses the whole list, naming every invalid field, if any event is invalid. */
    static void validate(List<EventRequest> events, int max) {
        List<FieldError> errors = new ArrayList<>();
        if (events == null) {
            errors.add(new FieldError("events", "must not be null"));
        } else if (events.isEmpty() || events.size() > max) {
            errors.add(new FieldError("events", "size must be between 1 and " + max));
        } else {
            for (int i = 0; i < events.size(); i++) {
                check(events.get(i), "events[" + i + "]", errors);
            }
        }
        failIfAny(errors);
    }

    /** Refuses one event, naming every invalid field, if it is invalid. */
    static void validate(EventRequest event) {
        List<FieldError> errors = new ArrayList<>();
        if (event == null) {
            errors.add(new FieldError("$", "a request body is required"));
        } else {
            check(event, "", errors);
        }
        failIfAny(errors);
    }

    private static void failIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElseThrow(), errors);
        }
    }

    private static void check(EventRequest e, String at, List<FieldError> errors) {
        String p = at.isEmpty() ? "" : at + ".";
        if (e == null) {
            errors.add(new FieldError(at, "must not be null"));
            return;
        }
        notNull(e.eventId(), p + "eventId", errors);
        if (notNull(e.occurredAt(), p + "occurredAt", errors)
                && !DateRange.contains(e.occurredAt())) {
            errors.add(new FieldError(p + "occurredAt", QueryParams.INSTANT_MESSAGE));
        }
        notNull(e.partnershipId(), p + "partnershipId", errors);
        if (notNull(e.actor(), p + "actor", errors)) {
            notNull(e.actor().type(), p + "actor.type", errors);
            text(e.actor().id(), p + "actor.id", 1, 200, true, errors);
        }
        notNull(e.action(), p + "action", errors);
        if (e.feature() != null) {
            keyed(e.feature(), p + "feature", Keys::isKey, EventRequest.KEY_MESSAGE, 100, errors);
        }
        if (notNull(e.dataCategories(), p + "dataCategories", errors)) {
            if (e.dataCategories().size() > 64) {
                errors.add(new FieldError(p + "dataCategories", "size must be between 0 and 64"));
            }
            for (int i = 0; i < e.dataCategories().size(); i++) {
                String category = e.dataCategories().get(i);
                String field = p + "dataCategories[" + i + "]";
                if (notNull(category, field, errors)) {
                    keyed(category, field, Keys::isCategory, EventRequest.CATEGORY_MESSAGE, 100, errors);
                }
            }
        }
        if (notNull(e.recordCount(), p + "recordCount", errors)
                && (e.recordCount() < 0 || e.recordCount() > MAX_SAFE_INTEGER)) {
            errors.add(new FieldError(p + "recordCount", "must be between 0 and " + MAX_SAFE_INTEGER));
        }
        if (e.subjectRef() != null && !PseudonymousRef.Validator.isPseudonym(e.subjectRef())) {
            errors.add(new FieldError(p + "subjectRef", PseudonymousRef.MESSAGE));
        }
        if (notNull(e.processing(), p + "processing", errors)) {
            notNull(e.processing().mode(), p + "processing.mode", errors);
            country(e.processing().country(), p + "processing.country", errors);
        }
        if (notNull(e.purpose(), p + "purpose", errors)) {
            keyed(e.purpose(), p + "purpose", Keys::isKey, EventRequest.KEY_MESSAGE, 100, errors);
        }
        notNull(e.outcome(), p + "outcome", errors);
        if (e.authority() != null) {
            text(e.authority().name(), p + "authority.name", 1, 300, true, errors);
            country(e.authority().country(), p + "authority.country", errors);
            text(e.authority().legalInstrument(), p + "authority.legalInstrument", 1, 300, true, errors);
            notNull(e.authority().disposition(), p + "authority.disposition", errors);
        }
        if (e.action() != null && (e.action() == Action.AUTHORITY_REQUEST) != (e.authority() != null)) {
            errors.add(new FieldError(p + "authority", EventRequest.AUTHORITY_MESSAGE));
        }
        if (e.model() != null) {
            text(e.model().name(), p + "model.name", 1, 200, true, errors);
            text(e.model().version(), p + "model.version", 1, 100, true, errors);
        }
        if (e.accessCountry() != null) {
            country(e.accessCountry(), p + "accessCountry", errors);
        }
        if (e.subjectRegion() != null && !SubjectRegion.Validator.isRegion(e.subjectRegion())) {
            errors.add(new FieldError(p + "subjectRegion", SubjectRegion.MESSAGE));
        }
    }

    private static boolean notNull(Object value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null"));
            return false;
        }
        return true;
    }

    private static void text(String value, String field, int min, int max, boolean notBlank, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null"));
        } else if (notBlank && value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() < min || value.length() > max) {
            errors.add(new FieldError(field, "size must be between " + min + " and " + max));
        } else {
            String unstorable = QueryParams.textProblem(value);
            String contact = unstorable == null ? ContactData.find(value) : null;
            if (unstorable != null) {
                errors.add(new FieldError(field, unstorable));
            } else if (contact != null) {
                errors.add(new FieldError(field, "must not hold contact data (it looks like " + contact + "): the "
                        + "log can never erase it"));
            }
        }
    }

    private static void keyed(String value, String field, Predicate<String> shape, String message, int max,
            List<FieldError> errors) {
        if (value.length() > max) {
            errors.add(new FieldError(field, "size must be between 0 and " + max));
        }
        if (!shape.test(value)) {
            errors.add(new FieldError(field, message));
        }
    }

    private static void country(String value, String field, List<FieldError> errors) {
        if (notNull(value, field, errors) && !CountryCode.Validator.isCountry(value)) {
            errors.add(new FieldError(field, "must be an ISO 3166-1 alpha-2 country code such as DE or CN"));
        }
    }
}
