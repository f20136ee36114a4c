package dev.sightline.support.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates and instants the APIs accept: years 0001 to 9999 (UTC). Java holds far more and PostgreSQL a different
 * span ({@code date} and {@code timestamptz} reach from 4713 BC to beyond 9999), so a value outside this range
 * would be refused by one of them halfway through a request; it is refused up front instead, with a 400.
 */
public final class DateRange {
    public static final LocalDate MIN = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);
    public static final String DESCRIPTION = "years 0001 to 9999";

    private DateRange() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(MIN) && !date.isAfter(MAX);
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN.atStartOfDay(ZoneOffset.UTC).toInstant())
                && instant.isBefore(MAX.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
