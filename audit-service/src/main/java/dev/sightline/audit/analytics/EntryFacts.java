package dev.sightline.audit.analytics;

import java.sql.Array;
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
import java.util.Set;
import java.util.UUID;

/** The columns of a log entry that verdicts and figures are computed from. */
record EntryFacts(long seq, UUID partnershipId, Instant occurredAt, String action, String feature,
        List<String> categories, long recordCount, String subjectRef, String mode, String country, String purpose,
        String outcome, String entry) {

    /** The select list {@link #read} expects; the entry JSON only for authority requests. */
    static final String COLUMNS = "seq, partnership_id, occurred_at, action, feature, data_categories, record_count, "
            + "subject_ref, processing_mode, processing_country, purpose, outcome, "
            + "CASE WHEN action = 'AUTHORITY_REQUEST' THEN entry END";
    private static final int PAGE = 10_000;

    static EntryFacts read(ResultSet row) throws SQLException {
        Array categories = row.getArray(6);
        return new EntryFacts(row.getLong(1), row.getObject(2, UUID.class),
                row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4), row.getString(5),
                List.of((String[]) categories.getArray()), row.getLong(7), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11), row.getString(12), row.getString(13));
    }

    LocalDate day() {
        return LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
    }

    /** An entry that names no data category touched no user data (e.g. the partnership-service's governance events). */
    boolean touchesUserData() {
        return !categories.isEmpty();
    }

    /** Entries with seq in [from, to), in log order, at most one page of them. */
    static List<EntryFacts> page(Connection c, long from, long to) throws SQLException {
        List<EntryFacts> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM log_entry WHERE seq >= ? AND seq < ? ORDER BY seq LIMIT " + PAGE)) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
        }
        return entries;
    }

    /** Entries below the cursor that occurred in [edge[0], edge[1]); judged ones only when asked. */
    static List<EntryFacts> occurredIn(Connection c, Instant[] edge, long size, UUID partnershipId,
            boolean judgedOnly) throws SQLException {
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
        List<EntryFacts> entries = new ArrayList<>();
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(read(rows));
            }
        }
        return entries;
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
