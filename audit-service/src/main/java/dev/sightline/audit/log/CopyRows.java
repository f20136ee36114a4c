package dev.sightline.audit.log;

import dev.sightline.verifier.merkle.Merkle;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a {@code COPY ... TO STDOUT (FORMAT binary)}, read straight from the messages the driver receives: a
 * field is hashed or compared where it lies in the message (PostgreSQL sends each row as one message), with no
 * stream, buffer or string in between. The verification's hot path; fields that span two messages are still read.
 */
final class CopyRows implements AutoCloseable {
    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

    private final CopyOut copy;
    private final int fields;
    private byte[] chunk = new byte[0];
    private int pos;

    CopyRows(PGConnection connection, String sql, int fields) throws SQLException {
        this(connection.getCopyAPI().copyOut(sql), fields);
    }

    CopyRows(CopyOut copy, int fields) throws SQLException {
        this.copy = copy;
        this.fields = fields;
        if (!Arrays.equals(take(SIGNATURE.length), SIGNATURE)) {
            throw new SQLException("Not a binary COPY stream");
        }
        readInt();
        take(readInt());
    }

    /** Moves to the next row; false after the last. */
    boolean next() throws SQLException {
        int count = readShort();
        if (count == -1) {
            while (copy.readFromCopy() != null) {
                // the end of the stream: read to the command's completion
            }
            return false;
        }
        if (count != fields) {
            throw new SQLException("A COPY row has " + count + " fields, not " + fields);
        }
        return true;
    }

    /** A bigint field. */
    long int8() throws SQLException {
        requireLength(8);
        return readLong();
    }

    /** A timestamptz field: microseconds since 2000-01-01T00:00:00Z. */
    long timestamp() throws SQLException {
        return int8();
    }

    /** Whether a text or bytea field holds exactly {@code expected}, compared where it lies. */
    boolean fieldEquals(byte[] expected) throws SQLException {
        int length = readInt();
        if (length >= 0 && pos + length <= chunk.length) {
            boolean equal = Arrays.equals(chunk, pos, pos + length, expected, 0, expected.length);
            pos += length;
            return equal;
        }
        return Arrays.equals(take(length), expected);
    }

    /** The leaf hash of a text field, {@code SHA-256(0x00 || its UTF-8 bytes)}, hashed where it lies. */
    byte[] leafHash() throws SQLException {
        int length = readInt();
        if (pos + length <= chunk.length) {
            byte[] hash = Merkle.leafHash(chunk, pos, length);
            pos += length;
            return hash;
        }
        return Merkle.leafHash(take(length));
    }

    private void requireLength(int expected) throws SQLException {
        int length = readInt();
        if (length != expected) {
            throw new SQLException("A COPY field has " + length + " bytes, not " + expected);
        }
    }

    private byte[] take(int length) throws SQLException {
        if (length < 0) {
            throw new SQLException("Unexpected NULL in a COPY row");
        }
        byte[] out = new byte[length];
        int filled = 0;
        while (filled < length) {
            available();
            int n = Math.min(length - filled, chunk.length - pos);
            System.arraycopy(chunk, pos, out, filled, n);
            pos += n;
            filled += n;
        }
        return out;
    }

    private void available() throws SQLException {
        while (pos == chunk.length) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                throw new SQLException("The COPY stream ended within a row");
            }
            chunk = next;
            pos = 0;
        }
    }

    private int readShort() throws SQLException {
        return (short) ((u8() << 8) | u8());
    }

    private int readInt() throws SQLException {
        if (pos + 4 <= chunk.length) {
            int value = ((chunk[pos] & 0xff) << 24) | ((chunk[pos + 1] & 0xff) << 16) | ((chunk[pos + 2] & 0xff) << 8)
                    | (chunk[pos + 3] & 0xff);
            pos += 4;
            return value;
        }
        return (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
    }

    private long readLong() throws SQLException {
        return ((long) readInt() << 32) | (readInt() & 0xffff_ffffL);
    }

    private int u8() throws SQLException {
        available();
        return chunk[pos++] & 0xff;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
