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
 * bound is not midnight there. The disclosure page and the lists read a period in the zone the disclosure-service
 * names ({@code reportingTimeZone}). Pages keep the exact instant beside the words, in a {@code <time datetime>}
 * attribute.
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

    /**
     * One bound of a period in the jurisdiction's reporting time zone (UTC where none is named): the day, and the
     * time of day where it is not midnight there. Empty for none.
     */
    public static String bound(Instant at, String zone) {
        return at == null ? "" : bound(at.atZone(zoneId(zone)));
    }

    /** The zone a period is read in, as the page names it: {@code Europe/Brussels}, or {@code UTC} for none. */
    public static String zone(String zone) {
        ZoneId id = zoneId(zone);
        return id.equals(ZoneOffset.UTC) ? "UTC" : id.getId();
    }

    /**
     * A period in a time zone (UTC where none is named), end exclusive, the zone named:
     * {@code 1 January 2026 – 1 July 2026 (Europe/Brussels)}.
     */
    public static String period(Instant start, Instant end, String zone) {
        return bound(start, zone) + " – " + bound(end, zone) + " (" + zone(zone) + ")";
    }

    private static ZoneId zoneId(String zone) {
        return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
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
