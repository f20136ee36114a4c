package dev.sightline.audit.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {
    @Test
    void aParentKeyCoversItsChildrenOnly() {
        assertTrue(VerdictRules.covers(List.of("user.content"), "user.content.voice"));
        assertTrue(VerdictRules.covers(List.of("user.content"), "user.content"));
        assertFalse(VerdictRules.covers(List.of("user.content"), "user.contentx"));
        assertFalse(VerdictRules.covers(List.of("user.content.voice"), "user.content"));
    }

    @Test
    void aPeriodReadsLeadingDaysWholeMonthsAndTrailingDays() {
        Period period = Period.of(Instant.parse("2026-01-20T05:00:00Z"),
                Instant.parse("2026-05-03T00:00:00Z"));
        assertEquals(List.of(
                new Period.Span("", LocalDate.parse("2026-01-21"), LocalDate.parse("2026-02-01")),
                new Period.Span("_month", LocalDate.parse("2026-02-01"),
                        LocalDate.parse("2026-05-01")),
                new Period.Span("", LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-03"))),
                period.spans());
        // within one month: daily rows only; a whole year: twelve monthly rows
        assertEquals(List.of(new Period.Span("", LocalDate.parse("2026-05-01"),
                LocalDate.parse("2026-05-31"))), Period.of(
                        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-31T00:00:00Z"))
                        .spans());
        assertEquals(List.of(new Period.Span("_month", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2027-01-01"))), Period.of(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                        .spans());
    }
}
