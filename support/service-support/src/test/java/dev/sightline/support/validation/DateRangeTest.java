package dev.sightline.support.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read instants agree with the JDK's ISO formatter on every string, near misses above all. */
class DateRangeTest {
    private static final long SEED = 4242L;

    @Test
    void readsInstantsExactlyAsTheIsoFormatterDoes() {
        Random random = new Random(SEED);
        String alphabet = "0123456789-:.TZtz+ ";
        int fastPath = 0;
        for (int i = 0; i < 300_000; i++) {
            Instant instant = Instant.ofEpochSecond(-62_000_000_000L + (long) (random.nextDouble() * 315_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            StringBuilder text = new StringBuilder(instant.toString());
            if (random.nextBoolean()) {
                for (int n = 1 + random.nextInt(2); n > 0; n--) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> text.deleteCharAt(at);
                    }
                }
            }
            String spelled = text.toString();
            if (DateRange.utc(spelled) != null) {
                fastPath++;
            }
            assertEquals(byFormatter(spelled), DateRange.instant(spelled), "'" + spelled + "'");
        }
        assertEquals(true, fastPath > 100_000, "the hand-read path was taken " + fastPath + " times");
        for (String edge : new String[] { "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "2026-11-29T10:15:30.Z",
                "2026-11-29T24:00:00Z", "2026-11-29T10:15:60Z", "2026-11-29t10:15:30z", "2026-11-29T10:15:30+01:00",
                "2026-11-29T10:15:30.5Z", "2026-11-29T10:15:30.123456789Z", "2026-11-29T10:15:30.1234567890Z" }) {
            assertEquals(byFormatter(edge), DateRange.instant(edge), edge);
        }
        assertNotNull(DateRange.utc("2026-11-29T10:15:30.5Z"));
        assertEquals(Instant.parse("2026-11-29T10:15:30.5Z"), DateRange.utc("2026-11-29T10:15:30.5Z"));
    }

    /** What {@link DateRange#instant} answered before it read the usual spelling by hand. */
    private static Instant byFormatter(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return DateRange.contains(instant) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
