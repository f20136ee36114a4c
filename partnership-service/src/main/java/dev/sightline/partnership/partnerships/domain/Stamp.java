package dev.sightline.partnership.partnerships.domain;

import java.time.Instant;

/** When something happened to a record and who did it. */
public record Stamp(Instant at, String by) {
}
