package dev.sightline.audit.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A period split into whole UTC days [fullFrom, fullTo), which the rollups answer, and the partial edges, each
 * [from, to), which are read from the log itself.
 */
record Period(LocalDate fullFrom, LocalDate fullTo, List<Instant[]> edges) {
    static Period of(Instant from, Instant to) {
        LocalDate fullFrom = from == null ? null : ceilDay(from);
        LocalDate fullTo = to == null ? null : LocalDate.ofInstant(to, ZoneOffset.UTC);
        List<Instant[]> edges = new ArrayList<>();
        if (fullFrom != null && fullTo != null && !fullFrom.isBefore(fullTo)) {
            edges.add(new Instant[] { from, to });
            return new Period(fullFrom, fullFrom, edges);
        }
        if (from != null && !start(fullFrom).equals(from)) {
            edges.add(new Instant[] { from, start(fullFrom) });
        }
        if (to != null && !start(fullTo).equals(to)) {
            edges.add(new Instant[] { start(fullTo), to });
        }
        return new Period(fullFrom, fullTo, edges);
    }

    private static LocalDate ceilDay(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return start(day).equals(instant) ? day : day.plusDays(1);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether the period holds any whole day (an open end always may). */
    boolean hasWholeDays() {
        return fullFrom == null || fullTo == null || fullFrom.isBefore(fullTo);
    }

    /**
     * The whole days as the rollups hold them: leading days from the daily rows, every whole calendar month
     * from the monthly rows, trailing days from the daily rows again. Open-ended periods read daily rows.
     */
    List<Span> spans() {
        if (fullFrom == null || fullTo == null) {
            return List.of(new Span("", fullFrom, fullTo));
        }
        if (!fullFrom.isBefore(fullTo)) {
            return List.of();
        }
        LocalDate firstMonth = fullFrom.getDayOfMonth() == 1 ? fullFrom : fullFrom.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = fullTo.withDayOfMonth(1);
        if (!firstMonth.isBefore(endMonth)) {
            return List.of(new Span("", fullFrom, fullTo));
        }
        List<Span> spans = new ArrayList<>();
        if (fullFrom.isBefore(firstMonth)) {
            spans.add(new Span("", fullFrom, firstMonth));
        }
        spans.add(new Span("_month", firstMonth, endMonth));
        if (endMonth.isBefore(fullTo)) {
            spans.add(new Span("", endMonth, fullTo));
        }
        return spans;
    }

    /** Rows of one rollup granularity ({@code table} suffix "" daily, "_month" monthly) with day in [from, to). */
    record Span(String table, LocalDate from, LocalDate to) {
        /** A span of monthly rows as one span per month (so overlapping windows can share them); others as is. */
        List<Span> months() {
            if (!"_month".equals(table)) {
                return List.of(this);
            }
            List<Span> months = new ArrayList<>();
            for (LocalDate month = from; month.isBefore(to); month = month.plusMonths(1)) {
                months.add(new Span(table, month, month.plusMonths(1)));
            }
            return months;
        }

        void filter(StringBuilder sql, List<Object> params, UUID partnershipId) {
            if (from != null) {
                sql.append(" AND day >= ?");
                params.add(from);
            }
            if (to != null) {
                sql.append(" AND day < ?");
                params.add(to);
            }
            if (partnershipId != null) {
                sql.append(" AND partnership_id = ?");
                params.add(partnershipId);
            }
        }
    }
}
