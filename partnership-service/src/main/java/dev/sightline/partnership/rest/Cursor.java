package dev.sightline.partnership.rest;

import dev.sightline.support.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code after} cursor of lists ordered by (createdAt, id): the position of the last item served. Also
 * the page size every list takes ({@code limit}, 1 to 500, 50 when absent).
 */
public record Cursor(Instant createdAt, UUID id) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "/" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for no cursor; a 400 naming {@code after} for anything this service did not issue. */
    public static Cursor decode(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII).split("/");
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("after", "is not a cursor this service issued");
        }
    }

    /** The page size: 50 when absent, a 400 naming {@code limit} outside 1 to 500. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
