package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.audit.log.rest.dto.PseudonymousRef;
import dev.sightline.support.validation.Uuids;
import java.time.Instant;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The append path's hand-written formatting and shape checks agree with the JDK and the declared patterns. */
class HandWrittenChecksTest {
    private static final long SEED = 977L;

    @Test
    void formatsInstantsExactlyAsTheJdk() {
        Random random = new Random(SEED);
        long min = Instant.parse("-1000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        int[] nanos = { 0, 1, 999, 1000, 123_000, 1_000_000, 120_000_000, 999_999_999 };
        for (int i = 0; i < 200_000; i++) {
            long seconds = i < 100_000 ? min + (long) (random.nextDouble() * (max - min))
                    : 1_700_000_000L + random.nextInt(400_000_000);
            int nano = i % 3 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertEquals(instant.toString(), Instants.format(instant), "seed " + SEED);
        }
        for (String edge : new String[] { "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z", "1969-12-31T23:59:59.000001Z" }) {
            assertEquals(Instant.parse(edge).toString(), Instants.format(Instant.parse(edge)));
        }
    }

    @Test
    void checksKeysAndCategoriesExactlyAsTheDeclaredPatterns() {
        Pattern key = Pattern.compile(EventRequest.KEY);
        Pattern category = Pattern.compile(EventRequest.CATEGORY);
        Random random = new Random(SEED);
        String alphabet = "az09._-A.Z é";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString();
            assertEquals(key.matcher(text).matches(), Keys.isKey(text), "key '" + text + "'");
            assertEquals(category.matcher(text).matches(), Keys.isCategory(text), "category '" + text + "'");
        }
    }

    @Test
    void checksUuidsAndPseudonymsExactlyAsTheDeclaredPatterns() {
        Pattern uuid = Pattern.compile(Uuids.CANONICAL);
        Pattern pseudonym = Pattern.compile(PseudonymousRef.PATTERN);
        Random random = new Random(SEED);
        String uuidAlphabet = "09afAFgG-x \u0663\uff21";
        String pseudonymAlphabet = "ps_-AZaz09EIMQUYcgkosw48+/=.é";
        for (int i = 0; i < 200_000; i++) {
            // mostly near misses of the right length: one wrong character is the interesting case
            StringBuilder u = new StringBuilder(java.util.UUID.randomUUID().toString());
            for (int n = random.nextInt(3); n > 0; n--) {
                u.setCharAt(random.nextInt(u.length()), uuidAlphabet.charAt(random.nextInt(uuidAlphabet.length())));
            }
            if (random.nextInt(20) == 0) {
                u.setLength(random.nextInt(u.length() + 1));
            }
            String text = u.toString();
            assertEquals(uuid.matcher(text).matches() ? java.util.UUID.fromString(text) : null, Uuids.parse(text),
                    "uuid '" + text + "'");
            StringBuilder p = new StringBuilder(PseudonymousRef.EXAMPLE);
            for (int n = random.nextInt(3); n > 0; n--) {
                p.setCharAt(random.nextInt(p.length()),
                        pseudonymAlphabet.charAt(random.nextInt(pseudonymAlphabet.length())));
            }
            if (random.nextInt(20) == 0) {
                p.setLength(random.nextInt(p.length() + 1));
            }
            text = p.toString();
            assertEquals(pseudonym.matcher(text).matches(), PseudonymousRef.Validator.isPseudonym(text),
                    "pseudonym '" + text + "'");
        }
    }
}
