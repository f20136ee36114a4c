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
    private static final Instant FIRST_INSTANT = MIN.atStartOfDay(ZoneOffset.UTC).toInstant();
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
        Instant instant = utc(text);
        if (instant == null) {
            try {
                instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return contains(instant) ? instant : null;
    }

    /**
     * The usual spelling, {@code 2026-11-29T10:15:30Z} with up to nine fraction digits, read by hand; null for
     * anything else, which the JDK's formatter then reads (or refuses) as before. Every event carries two instants,
     * and the formatter took a twentieth of appending one. A property test checks this against the formatter.
     */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || length > 20 && (text.charAt(19) != '.' || length == 21)) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nano = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nano < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        for (int i = length; i < 30; i++) {
            nano *= 10;
        }
        return LocalDate.of(year, month, day).atTime(hour, minute, second, nano).toInstant(ZoneOffset.UTC);
    }

    /** The number the ASCII digits in {@code [from, to)} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Whether the instant is in the range. PostgreSQL keeps microseconds and rounds finer fractions, so the last
     * instant is 9999-12-31T23:59:59.999999Z: anything later would round into the year 10000.
     */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && !instant.isAfter(LAST_INSTANT);
    }
}
