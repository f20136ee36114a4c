package dev.sightline.audit.log;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import dev.sightline.audit.log.rest.dto.EventRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
     * Written as bytes: the entry is UTF-8 already and is escaped where it lies, a run at a time.
     */
    public static byte[] rowAfterSeq(PreparedEntry prepared) {
        EventRequest e = prepared.event();
        Row row = new Row(prepared.entry().length + 400);
        row.ascii(e.eventId().toString()).tab()
                .ascii(e.partnershipId().toString()).tab()
                .instant(e.occurredAt()).tab()
                .instant(prepared.receivedAt()).tab()
                .ascii(e.actor().type().name()).tab()
                .text(e.actor().id()).tab()
                .ascii(e.action().name()).tab()
                .text(e.feature()).tab()
                .text(arrayLiteral(e.dataCategories())).tab()
                .ascii(Long.toString(e.recordCount())).tab()
                .text(e.subjectRef()).tab()
                .ascii(e.processing().mode().name()).tab()
                .text(e.processing().country()).tab()
                .text(e.purpose()).tab()
                .ascii(e.outcome().name()).tab()
                .text(e.model() == null ? null : e.model().name()).tab()
                .text(e.model() == null ? null : e.model().version()).tab()
                .text(e.accessCountry()).tab()
                .text(e.subjectRegion()).tab()
                .escaped(prepared.entry()).tab()
                .ascii("\\\\x").ascii(HEX.formatHex(prepared.leafHash()));
        return row.end();
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

    /**
     * A row being written, in UTF-8. COPY text format escapes backslash, tab, newline and carriage return, and
     * writes null as {@code \N}; those are single bytes that UTF-8 never uses inside a multi-byte character, so
     * UTF-8 text is escaped byte by byte and copied between escapes in runs.
     */
    private static final class Row {
        private byte[] bytes;
        private int length;
        private final StringBuilder scratch = new StringBuilder(32);

        Row(int capacity) {
            bytes = new byte[capacity];
        }

        /** Text known to be ASCII without anything to escape: UUIDs, enum names, numbers, hex. */
        Row ascii(CharSequence value) {
            int n = value.length();
            room(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) value.charAt(i);
            }
            return this;
        }

        Row instant(Instant value) {
            scratch.setLength(0);
            Instants.append(scratch, value);
            return ascii(scratch);
        }

        Row tab() {
            room(1);
            bytes[length++] = '\t';
            return this;
        }

        Row text(String value) {
            if (value == null) {
                return ascii("\\N");
            }
            return escaped(value.getBytes(StandardCharsets.UTF_8));
        }

        Row escaped(byte[] utf8) {
            room(utf8.length);
            int run = 0;
            for (int i = 0; i < utf8.length; i++) {
                byte b = utf8[i];
                byte escape = switch (b) {
                    case '\\' -> '\\';
                    case '\t' -> 't';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    default -> 0;
                };
                if (escape != 0) {
                    put(utf8, run, i - run);
                    room(2 + utf8.length - i);
                    bytes[length++] = '\\';
                    bytes[length++] = escape;
                    run = i + 1;
                }
            }
            put(utf8, run, utf8.length - run);
            return this;
        }

        byte[] end() {
            room(1);
            bytes[length++] = '\n';
            return Arrays.copyOf(bytes, length);
        }

        private void put(byte[] from, int offset, int count) {
            room(count);
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
