package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.verifier.merkle.Merkle;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyOut;

/** The binary COPY reader, over streams cut into messages anywhere (PostgreSQL sends a row per message). */
class CopyRowsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void readsEveryFieldHoweverTheStreamIsCutIntoMessages(long seed) throws Exception {
        Random random = new Random(seed);
        String[] entries = new String[50];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = "{\"seq\":" + i + ",\"text\":\"" + "é".repeat(random.nextInt(300)) + "\"}";
        }
        byte[] stream = stream(entries);
        try (CopyRows rows = new CopyRows(new Messages(stream, random), 4)) {
            for (int i = 0; i < entries.length; i++) {
                assertTrue(rows.next(), "seed " + seed + " row " + i);
                assertEquals(i, rows.int8());
                byte[] expected = Merkle.leafHash(entries[i].getBytes(StandardCharsets.UTF_8));
                assertArrayEquals(expected, rows.leafHash(), "seed " + seed + " row " + i);
                byte[] other = expected.clone();
                other[i % 32] ^= 1;
                assertEquals(i % 2 == 0, rows.fieldEquals(i % 2 == 0 ? expected : other));
                assertEquals(1_000_000L * i, rows.timestamp());
            }
            assertFalse(rows.next());
        }
    }

    @Test
    void aStreamThatEndsWithinARowIsAnError() throws Exception {
        byte[] stream = stream(new String[] { "{}" });
        try (CopyRows rows = new CopyRows(new Messages(Arrays.copyOf(stream, stream.length - 10), new Random(1)), 4)) {
            assertTrue(rows.next());
            rows.int8();
            assertThrows(SQLException.class, () -> {
                rows.fieldEquals(rows.leafHash());
                rows.timestamp();
            });
        }
    }

    /** What PostgreSQL sends for rows (seq, entry, leaf_hash, received_at). */
    private static byte[] stream(String[] entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 });
        out.writeInt(0);
        out.writeInt(0);
        for (int i = 0; i < entries.length; i++) {
            byte[] entry = entries[i].getBytes(StandardCharsets.UTF_8);
            out.writeShort(4);
            out.writeInt(8);
            out.writeLong(i);
            out.writeInt(entry.length);
            out.write(entry);
            out.writeInt(32);
            out.write(Merkle.leafHash(entry));
            out.writeInt(8);
            out.writeLong(1_000_000L * i);
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    /** The stream as messages of random sizes, some within a field. */
    private static final class Messages implements CopyOut {
        private final Deque<byte[]> messages = new ArrayDeque<>();

        Messages(byte[] stream, Random random) {
            for (int at = 0; at < stream.length;) {
                int size = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 700));
                messages.add(Arrays.copyOfRange(stream, at, at + size));
                at += size;
            }
        }

        @Override
        public byte[] readFromCopy() {
            return messages.poll();
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public int getFieldCount() {
            return 4;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return !messages.isEmpty();
        }

        @Override
        public void cancelCopy() {
            messages.clear();
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }
}
