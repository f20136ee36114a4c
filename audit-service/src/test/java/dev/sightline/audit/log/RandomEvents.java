package dev.sightline.audit.log;

import dev.sightline.audit.Fixtures;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Disposition;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Seeded random events, valid or with random faults, for the property tests. */
final class RandomEvents {
    private static final String[] TEXTS = { "nimbus-llm-gateway", "Ünïcödé \"quoted\" \\ back", "tab\there",
            "emoji \uD83D\uDE00 ok", "line\nbreak", "\u0001control", "日本語のテキスト", "plain" };
    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    EventRequest valid() {
        Action action = pick(Action.values());
        List<String> categories = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            categories.add(pick(new String[] { "user.content.voice", "user.location.precise", "user.biometric",
                    "user.device.identifier" }));
        }
        EventRequest.Model model = random.nextInt(3) == 0 ? new EventRequest.Model(pick(TEXTS), pick(TEXTS)) : null;
        String accessCountry = random.nextInt(3) == 0 ? pick(new String[] { "US", "SG", "CN" }) : null;
        String region = random.nextInt(3) == 0 ? pick(new String[] { "US-CA", "CN", "DE", "US-TX" }) : null;
        return new EventRequest(new UUID(random.nextLong(), random.nextLong()),
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000)),
                new UUID(random.nextLong(), random.nextLong()),
                new EventRequest.Actor(pick(ActorType.values()), pick(TEXTS)), action,
                random.nextBoolean() ? null : "voice-assistance", categories,
                random.nextBoolean() ? (long) random.nextInt(1000) : EventValidator.MAX_SAFE_INTEGER,
                random.nextBoolean() ? null : Fixtures.pseudonym(random.nextLong()),
                new EventRequest.Processing(pick(ProcessingMode.values()), pick(new String[] { "DE", "CN", "US" })),
                "translation", pick(Outcome.values()),
                action == Action.AUTHORITY_REQUEST
                        ? new EventRequest.Authority(pick(TEXTS), "CN", pick(TEXTS), pick(Disposition.values()))
                        : null, model, accessCountry, region);
    }

    /** A valid event with one to three fields broken at random. */
    EventRequest faulty() {
        EventRequest e = valid();
        for (int faults = 1 + random.nextInt(3); faults > 0; faults--) {
            e = switch (random.nextInt(15)) {
                case 0 -> new EventRequest(null, e.occurredAt(), e.partnershipId(), e.actor(), e.action(), e.feature(),
                        e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(), e.outcome(),
                        e.authority());
                case 1 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(),
                        new EventRequest.Actor(null, random.nextBoolean() ? " " : "x".repeat(201)), e.action(),
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(),
                        e.outcome(), e.authority());
                case 2 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        "Not A Key", e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(),
                        e.outcome(), e.authority());
                case 3 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), List.of("user.content", "User..Bad"), e.recordCount(), e.subjectRef(),
                        e.processing(), e.purpose(), e.outcome(), e.authority());
                case 4 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), e.dataCategories(), random.nextBoolean() ? -1L : null, e.subjectRef(),
                        e.processing(), e.purpose(), e.outcome(), e.authority());
                case 5 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), e.dataCategories(), e.recordCount(),
                        pick(new String[] { "jane@example.com", "4915112345678", "short", "OnlyLetters" }),
                        e.processing(), e.purpose(), e.outcome(), e.authority());
                case 6 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(),
                        new EventRequest.Processing(null, pick(new String[] { "XX", "de", null })), e.purpose(),
                        e.outcome(), e.authority());
                case 7 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), null,
                        e.outcome(), e.authority());
                case 8 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(),
                        Action.AUTHORITY_REQUEST, e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(),
                        e.processing(), e.purpose(), e.outcome(), random.nextBoolean() ? null
                                : new EventRequest.Authority("", "ZZ", null, null));
                case 9 -> new EventRequest(e.eventId(), null, null, null, e.action(), e.feature(),
                        e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(), null,
                        e.authority());
                case 10 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), Action.READ,
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(),
                        e.outcome(), new EventRequest.Authority("Bureau", "CN", "Law", Disposition.COMPLIED));
                case 11 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), null, EventValidator.MAX_SAFE_INTEGER + 1, e.subjectRef(), e.processing(),
                        e.purpose(), e.outcome(), e.authority());
                case 12 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), null,
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(), null, "p".repeat(101),
                        e.outcome(), e.authority());
                case 13 -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), e.dataCategories(), e.recordCount(), e.subjectRef(), e.processing(), e.purpose(),
                        e.outcome(), e.authority(), new EventRequest.Model(pick(new String[] { " ", null, "ok" }),
                                random.nextBoolean() ? null : "v".repeat(101)),
                        pick(new String[] { "XX", "de", "US" }), pick(new String[] { "EU", "US-ZZ", "us-ca", "US-CA" }));
                default -> new EventRequest(e.eventId(), e.occurredAt(), e.partnershipId(), e.actor(), e.action(),
                        e.feature(), Collections.nCopies(65, "user.content"), e.recordCount(),
                        e.subjectRef(), e.processing(), e.purpose(), e.outcome(), e.authority());
            };
        }
        return e;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
