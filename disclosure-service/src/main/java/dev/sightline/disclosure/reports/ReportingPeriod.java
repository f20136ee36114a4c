package dev.sightline.disclosure.reports;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A report's period in its jurisdiction's reporting time zone: as the report states each bound (ISO-8601 with the
 * offset and the zone, {@code 2026-01-01T00:00:00+08:00[Asia/Shanghai]}) and as people read it
 * ({@code 1 January 2026 – 1 January 2027 (Asia/Shanghai)}, with the time of day only where a bound is not
 * midnight there).
 */
final class ReportingPeriod {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_ZH =
            DateTimeFormatter.ofPattern("uuuu\u5e74M\u6708d\u65e5", Locale.ROOT);

    private ReportingPeriod() {
    }

    /** One bound of the period, in the zone, as the report states it. */
    static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * The period as people read it, end exclusive; null for a report generated before reports named their reporting
     * time zone.
     */
    static String readable(Report report) {
        if (report.reportingTimeZone() == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(report.reportingTimeZone());
        return readable(report.periodStart().atZone(zone)) + " – " + readable(report.periodEnd().atZone(zone)) + " ("
                + zone.getId() + ")";
    }

    /** The same in Chinese ({@code 2026年1月1日 – 2027年1月1日（Asia/Shanghai）}); null where the other is. */
    static String readableChinese(Report report) {
        if (report.reportingTimeZone() == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(report.reportingTimeZone());
        return readable(report.periodStart().atZone(zone), DATE_ZH) + " – "
                + readable(report.periodEnd().atZone(zone), DATE_ZH) + "\uff08" + zone.getId() + "\uff09";
    }

    private static String readable(ZonedDateTime at) {
        return readable(at, DATE);
    }

    private static String readable(ZonedDateTime at, DateTimeFormatter date) {
        LocalTime time = at.toLocalTime();
        if (time.equals(LocalTime.MIDNIGHT)) {
            return date.format(at);
        }
        boolean wholeMinute = time.getSecond() == 0 && time.getNano() == 0;
        return date.format(at) + " " + (wholeMinute ? MINUTE.format(at) : DateTimeFormatter.ISO_LOCAL_TIME.format(at));
    }
}
