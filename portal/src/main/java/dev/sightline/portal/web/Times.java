package dev.sightline.portal.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as people read them, in the words of the disclosure's PDF report: a day as {@code 3 December 2026}, a
 * moment as {@code 3 December 2026, 18:40 UTC}, a period in the jurisdiction's reporting time zone as
 * {@code 1 January 2026 – 1 July 2026 (Europe/Brussels)}, the time of day ({@code 1 January 2026 01:00}) only where a
 * bound is not midnight there. Pages
 * keep the exact instant beside the words, in a {@code <time datetime>} attribute.
 */
@TemplateExtension(namespace = "times")
public final class Times {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Times() {
    }

    /** {@code 3 December 2026, 18:40 UTC}; empty for none. Seconds are left to the {@code datetime} attribute. */
    public static String utc(Instant at) {
        if (at == null) {
            return "";
        }
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return DAY.format(utc) + ", " + MINUTE.format(utc) + " UTC";
    }

    /** One bound of a period in UTC: the day, and the time of day where it is not midnight. */
    public static String bound(Instant at) {
        return at == null ? "" : bound(at.atZone(ZoneOffset.UTC));
    }

    /** A period in a time zone, end exclusive, the zone named: {@code 1 January 2026 – 1 July 2026 (Europe/Brussels)}. */
    public static String period(Instant start, Instant end, ZoneId zone) {
        return bound(start.atZone(zone)) + " – " + bound(end.atZone(zone)) + " ("
                + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")";
    }

    private static String bound(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (time.equals(LocalTime.MIDNIGHT)) {
            return DAY.format(at);
        }
        boolean wholeMinute = time.getSecond() == 0 && time.getNano() == 0;
        return DAY.format(at) + " " + (wholeMinute ? MINUTE.format(at) : DateTimeFormatter.ISO_LOCAL_TIME.format(at));
    }
}
