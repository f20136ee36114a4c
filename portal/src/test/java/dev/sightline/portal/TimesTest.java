package dev.sightline.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.portal.web.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Instants in words, as the PDF report words them. */
class TimesTest {
    @Test
    void aMomentIsItsDayAndMinuteInUtcNamed() {
        assertEquals("3 December 2026, 18:40 UTC", Times.utc(Instant.parse("2026-12-03T18:40:59.999Z")));
        assertEquals("1 July 2026, 00:00 UTC", Times.utc(Instant.parse("2026-07-01T00:00:00Z")));
        assertEquals("", Times.utc(null));
    }

    @Test
    void aBoundShowsTheTimeOfDayOnlyWhereItIsNotMidnight() {
        assertEquals("1 January 2026", Times.bound(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("31 December 2025 23:00", Times.bound(Instant.parse("2025-12-31T23:00:00Z")));
        assertEquals("31 December 2025 23:00:00.5", Times.bound(Instant.parse("2025-12-31T23:00:00.500Z")));
    }

    @Test
    void aPeriodIsReadInTheReportingTimeZoneAndNamesIt() {
        // the EU counts in Brussels: midnight there is 23:00 UTC in winter, 22:00 in summer
        assertEquals("1 January 2026 – 1 July 2026 (Europe/Brussels)", Times.period(
                Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"),
                ZoneId.of("Europe/Brussels")));
        assertEquals("1 January 2026 08:00 – 1 January 2027 08:00 (Asia/Shanghai)", Times.period(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                ZoneId.of("Asia/Shanghai")));
        assertEquals("1 January 2026 – 1 July 2026 (UTC)", Times.period(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC));
    }
}
