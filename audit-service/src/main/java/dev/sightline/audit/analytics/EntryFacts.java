package dev.sightline.audit.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The columns of a log entry that verdicts and figures are computed from. */
record EntryFacts(long seq, UUID partnershipId, Instant occurredAt, String action, String feature,
        List<String> categories, long recordCount, String subjectRef, String mode, String country, String purpose,
        String outcome, String entry, String accessCountry, String subjectRegion) {

    /** The select list {@link #read} expects; the entry JSON only for authority requests. */
    static final String COLUMNS = "seq, partnership_id, occurred_at, action, feature, data_categories, record_count, "
            + "subject_ref, processing_mode, processing_country, purpose, outcome, "
            + "CASE WHEN action = 'AUTHORITY_REQUEST' THEN entry END, access_country, subject_region";
    private static final int PAGE = 10_000;

    /** The facts of the current row; an exception when a fact every entry has is missing (SQL NULL). */
    static EntryFacts read(ResultSet row) throws SQLException {
        String[] categories = (String[]) required(row.getArray(6), "data_categories").getArray();
        for (String category : categories) {
            required(category, "an element of data_categories");
        }
        return new EntryFacts(row.getLong(1), required(row.getObject(2, UUID.class), "partnership_id"),
                required(row.getObject(3, OffsetDateTime.class), "occurred_at").toInstant(),
                required(row.getString(4), "action"), row.getString(5), List.of(categories),
                row.getLong(7), row.getString(8), required(row.getString(9), "processing_mode"),
                required(row.getString(10), "processing_country"), required(row.getString(11), "purpose"),
                required(row.getString(12), "outcome"), row.getString(13), row.getString(14), row.getString(15));
    }

    private static <T> T required(T value, String column) {
        if (value == null) {
            throw new IllegalStateException(column + " is NULL");
        }
        return value;
    }

    LocalDate day() {
        return LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
    }

    /**
     * The countries the subject's data reached: where it was processed and, when the partner accessed it from
     * another country (remote access from abroad is a transfer too), that country.
     */
    List<String> destinations() {
        return accessCountry == null || accessCountry.equals(country) ? List.of(country)
                : List.of(country, accessCountry);
    }

    /** The country of the subject's recorded region ({@code US} for {@code US-CA}); null when none is recorded. */
    String subjectCountry() {
        return subjectRegion == null ? null : subjectRegion.substring(0, Math.min(2, subjectRegion.length()));
    }

    /** An entry that names no data category touched no user data (e.g. the partnership-service's governance events). */
    boolean touchesUserData() {
        return !categories.isEmpty();
    }

    /**
     * Entries a stage reads, in log order.
     *
     * @param entries the entries it derives
     * @param end the seq after the last entry looked at, quarantined ones included
     */
    record Page(List<EntryFacts> entries, long end) {
    }

    /**
     * Entries with seq in [from, to), in log order, at most one page of them. Entries quarantined already (by this
     * stage or the one before) are passed over; a row that cannot be read is quarantined for {@code stage}.
     */
    static Page page(Connection c, long from, long to, Quarantine quarantine, String stage) throws SQLException {
        List<EntryFacts> entries = new ArrayList<>();
        long end = from;
        List<Long> unreadable = new ArrayList<>();
        List<Exception> causes = new ArrayList<>();
        // quarantined entries are few: one range read per page instead of a probe per entry
        Set<Long> quarantined = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT seq FROM analytics_quarantine WHERE seq >= ? "
                + "AND seq < ?")) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    quarantined.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM log_entry WHERE seq >= ? "
                + "AND seq < ? ORDER BY seq LIMIT " + PAGE)) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    end = seq + 1;
                    if (quarantined.contains(seq)) {
                        continue;
                    }
                    try {
                        entries.add(read(rows));
                    } catch (SQLException | RuntimeException e) {
                        unreadable.add(seq);
                        causes.add(e);
                    }
                }
            }
        }
        for (int i = 0; i < unreadable.size(); i++) {
            quarantine.add(c, unreadable.get(i), stage, causes.get(i));
        }
        return new Page(entries, end);
    }

    /** Receives the entries of {@link #occurredIn} a page at a time, with the dense ids of the subjects they name. */
    @FunctionalInterface
    interface PageConsumer {
        void accept(List<EntryFacts> entries, Map<String, Integer> subjectIds) throws SQLException;
    }

    /**
     * Entries below the cursor that occurred in [edge[0], edge[1]), not quarantined by the rollup stage; judged
     * ones only when asked (and then not quarantined by either stage). They are read through a cursor and handed on
     * a page at a time, so an edge of a busy day (millions of entries) costs one page of memory, not the day.
     * Must run inside a transaction (the cursor needs one).
     */
    static void occurredIn(Connection c, Instant[] edge, long size, UUID partnershipId, boolean judgedOnly,
            PageConsumer each) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM log_entry WHERE occurred_at >= ? "
                + "AND occurred_at < ? AND seq < ?");
        List<Object> params = new ArrayList<>(List.of(edge[0].atOffset(ZoneOffset.UTC), edge[1].atOffset(ZoneOffset.UTC),
                size));
        if (partnershipId != null) {
            sql.append(" AND partnership_id = ?");
            params.add(partnershipId);
        }
        if (judgedOnly) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM verdict_pending p WHERE p.seq = log_entry.seq)");
        }
        // what the stage behind the answer quarantined is in none of its figures: every stage's for judged entries
        sql.append(" AND NOT EXISTS (SELECT 1 FROM analytics_quarantine q WHERE q.seq = log_entry.seq")
                .append(judgedOnly ? ")" : " AND q.stage = '" + AnalyticsWorker.ROLLUP + "')");
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params)) {
            select.setFetchSize(PAGE);
            try (ResultSet rows = select.executeQuery()) {
                List<EntryFacts> page = new ArrayList<>(PAGE);
                while (rows.next()) {
                    page.add(read(rows));
                    if (page.size() == PAGE) {
                        each.accept(page, SubjectIds.resolve(c, refs(page), false));
                        page = new ArrayList<>(PAGE);
                    }
                }
                if (!page.isEmpty()) {
                    each.accept(page, SubjectIds.resolve(c, refs(page), false));
                }
            }
        }
    }

    /** The subject references the entries name. */
    static Set<String> refs(List<EntryFacts> entries) {
        Set<String> refs = new HashSet<>();
        for (EntryFacts entry : entries) {
            if (entry.subjectRef() != null) {
                refs.add(entry.subjectRef());
            }
        }
        return refs;
    }
}
