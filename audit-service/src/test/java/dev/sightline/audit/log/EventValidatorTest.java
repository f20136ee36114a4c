package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The hand-written validator finds exactly the fields that the DTO's declared constraints reject. */
class EventValidatorTest {
    private static final long SEED = 4242L;
    private static final Validator DECLARED = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void agreesWithTheDeclaredConstraintsOnRandomFaultyEvents() {
        RandomEvents events = new RandomEvents(SEED);
        for (int i = 0; i < 3000; i++) {
            EventRequest event = i % 5 == 0 ? events.valid() : events.faulty();
            Set<String> declared = DECLARED.validate(event).stream().map(EventValidatorTest::field)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> manual = new TreeSet<>();
            try {
                EventValidator.validate(event);
            } catch (ProblemException e) {
                e.errors().stream().map(FieldError::field).forEach(manual::add);
            }
            assertEquals(declared, manual, "event " + i + " of seed " + SEED + ": " + event);
        }
    }

    @Test
    void namesTheEventInABatchAndRefusesEmptyAndOversizedBatches() {
        RandomEvents events = new RandomEvents(SEED);
        EventRequest bad = events.valid();
        bad = new EventRequest(bad.eventId(), bad.occurredAt(), bad.partnershipId(), bad.actor(), bad.action(),
                bad.feature(), bad.dataCategories(), -5L, bad.subjectRef(), bad.processing(), bad.purpose(),
                bad.outcome(), bad.authority());
        List<EventRequest> batch = List.of(events.valid(), bad);
        ProblemException refused = assertThrows(ProblemException.class, () -> EventValidator.validate(batch, 1000));
        assertEquals("events[1].recordCount", refused.errors().get(0).field());
        assertEquals("events", assertThrows(ProblemException.class,
                () -> EventValidator.validate(List.of(), 1000)).errors().get(0).field());
        assertEquals("events", assertThrows(ProblemException.class,
                () -> EventValidator.validate(List.of(events.valid(), events.valid()), 1)).errors().get(0).field());
    }

    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }
}
