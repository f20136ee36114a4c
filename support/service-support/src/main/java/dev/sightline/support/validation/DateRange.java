package dev.sightline.support.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The dates and instants the APIs accept: years 0001 to 9999 (UTC). Java holds far more and PostgreSQL a different
 * span ({@code date} and {@code timestamptz} reach from 4713 BC to beyond 9999), so a value outside this range
 * would be refused by one of them halfway through a request; it is refused up front instead, with a 400.
 */
public final class DateRange {
    public static final LocalDate MIN = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);
    public static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String DESCRIPTION = "years 0001 to 9999";

    private DateRange() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(MIN) && !date.isAfter(MAX);
    }

    /** The date {@code text} spells as ISO-8601 ({@code 2026-11-29}) within the range, or null. */
    public static LocalDate date(String text) {
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return contains(date) ? date : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The instant {@code text} spells as ISO-8601 with an offset ({@code 2026-11-29T10:15:30Z}) within the range, or
     * null.
     */
    public static Instant instant(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return contains(instant) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Whether the instant is in the range. PostgreSQL keeps microseconds and rounds finer fractions, so the last
     * instant is 9999-12-31T23:59:59.999999Z: anything later would round into the year 10000.
     */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN.atStartOfDay(ZoneOffset.UTC).toInstant()) && !instant.isAfter(LAST_INSTANT);
    }
}
