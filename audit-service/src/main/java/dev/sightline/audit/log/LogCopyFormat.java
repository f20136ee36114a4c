package dev.sightline.audit.log;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import dev.sightline.audit.log.rest.dto.EventRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows of {@code log_entry} in PostgreSQL's COPY text format, as the appender streams them. Every text value is
 * escaped, so whatever an event carries (backslashes, tabs, line breaks, {@code \N}) is stored as sent; the data
 * categories are an array literal whose elements are all double-quoted, so no element is read as {@code NULL} or
 * split at a comma or brace.
 */
public final class LogCopyFormat {
    /** The column list the rows fill, in order. */
    public static final String COLUMNS = "(seq, event_id, partnership_id, occurred_at, received_at, actor_type, "
            + "actor_id, action, feature, data_categories, record_count, subject_ref, processing_mode, "
            + "processing_country, purpose, outcome, model_name, model_version, access_country, subject_region, "
            + "entry, leaf_hash)";
    private static final HexFormat HEX = HexFormat.of();

    private LogCopyFormat() {
    }

    /** Appends one row, its columns in {@link #COLUMNS} order. */
    public static void appendRow(StringBuilder row, long seq, PreparedEntry prepared) {
        row.append(seq).append('\t').append(new String(rowAfterSeq(prepared), StandardCharsets.UTF_8));
    }

    /**
     * The UTF-8 row without its leading seq: everything but the seq is known before the writer
     * numbers the entry, so request threads build it in parallel and the writer only prefixes it.
     */
    public static byte[] rowAfterSeq(PreparedEntry prepared) {
        EventRequest e = prepared.event();
        StringBuilder row = new StringBuilder(prepared.entry().length + 400);
        row.append(e.eventId()).append('\t')
                .append(e.partnershipId()).append('\t');
        Instants.append(row, e.occurredAt());
        row.append('\t');
        Instants.append(row, prepared.receivedAt());
        row.append('\t').append(e.actor().type().name()).append('\t');
        escape(row, e.actor().id()).append('\t')
                .append(e.action().name()).append('\t');
        escape(row, e.feature()).append('\t');
        escape(row, arrayLiteral(e.dataCategories())).append('\t')
                .append(e.recordCount()).append('\t');
        escape(row, e.subjectRef()).append('\t')
                .append(e.processing().mode().name()).append('\t');
        escape(row, e.processing().country()).append('\t');
        escape(row, e.purpose()).append('\t')
                .append(e.outcome().name()).append('\t');
        escape(row, e.model() == null ? null : e.model().name()).append('\t');
        escape(row, e.model() == null ? null : e.model().version()).append('\t');
        escape(row, e.accessCountry()).append('\t');
        escape(row, e.subjectRegion()).append('\t');
        escape(row, new String(prepared.entry(), StandardCharsets.UTF_8)).append('\t')
                .append("\\\\x").append(HEX.formatHex(prepared.leafHash())).append('\n');
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A text[] literal with every element double-quoted, {@code "} and {@code \} backslash-escaped inside. */
    static String arrayLiteral(List<String> values) {
        StringBuilder out = new StringBuilder(2 + values.size() * 24).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
    private static StringBuilder escape(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
