package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code after} cursor of lists ordered by (createdAt, id): the position of the last item served, so the
 * next page starts strictly after it whatever was inserted meanwhile. (The log's lists page by {@code seq}, the
 * entry's public position in the tree, which is already a stable, documented cursor.)
 */
public record Cursor(Instant createdAt, UUID id) {
    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "/" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for no cursor; a 400 naming {@code after} for anything this service did not issue (a blank one too). */
    public static Cursor decode(String after) {
        if (QueryParams.absent("after", after)) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII).split("/");
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("after", "is not a cursor this service issued");
        }
    }
}
