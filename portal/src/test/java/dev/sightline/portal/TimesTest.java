package dev.sightline.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.portal.web.Times;
import java.time.Instant;
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
        assertEquals("1 January 2026", Times.bound(Instant.parse("2026-01-01T00:00:00Z"), null));
        assertEquals("31 December 2025 23:00", Times.bound(Instant.parse("2025-12-31T23:00:00Z"), "UTC"));
        assertEquals("31 December 2025 23:00:00.5", Times.bound(Instant.parse("2025-12-31T23:00:00.500Z"), null));
        assertEquals("1 January 2026", Times.bound(Instant.parse("2025-12-31T23:00:00Z"), "Europe/Brussels"));
        assertEquals("", Times.bound(null, "Europe/Brussels"));
    }

    @Test
    void aPeriodIsReadInTheReportingTimeZoneAndNamesIt() {
        // the EU counts in Brussels: midnight there is 23:00 UTC in winter, 22:00 in summer
        assertEquals("1 January 2026 – 1 July 2026 (Europe/Brussels)", Times.period(
                Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"),
                "Europe/Brussels"));
        assertEquals("1 January 2026 08:00 – 1 January 2027 08:00 (Asia/Shanghai)", Times.period(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                "Asia/Shanghai"));
        assertEquals("1 January 2026 – 1 July 2026 (UTC)", Times.period(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z"), null), "a period with no zone named is read in UTC");
        assertEquals("UTC", Times.zone(null));
        assertEquals("UTC", Times.zone("UTC"));
        assertEquals("America/New_York", Times.zone("America/New_York"));
    }
}
