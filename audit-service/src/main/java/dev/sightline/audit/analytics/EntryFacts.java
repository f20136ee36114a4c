package dev.sightline.audit.analytics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The columns of a log entry that verdicts and figures are computed from. */
public record EntryFacts(long seq, UUID partnershipId, Instant occurredAt, String action, String feature,
        List<String> categories, long recordCount, String subjectRef, String mode, String country, String purpose,
        String outcome, String entry) {

    /** The select list {@link #read} expects; the entry JSON only for authority requests. */
    static final String COLUMNS = "seq, partnership_id, occurred_at, action, feature, data_categories, record_count, "
            + "subject_ref, processing_mode, processing_country, purpose, outcome, "
            + "CASE WHEN action = 'AUTHORITY_REQUEST' THEN entry END";

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
}
