package dev.sightline.audit.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.roaringbitmap.RoaringBitmap;

/** Sets of subject ids as serialized Roaring bitmaps: exact, small, and united quickly. */
final class Bitmaps {
    private Bitmaps() {
    }

    static byte[] serialize(RoaringBitmap bitmap) {
        bitmap.runOptimize();
        ByteBuffer buffer = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
        bitmap.serialize(buffer);
        return buffer.array();
    }

    static RoaringBitmap deserialize(byte[] bytes) {
        RoaringBitmap bitmap = new RoaringBitmap();
        try {
            bitmap.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt subject bitmap", e);
        }
        return bitmap;
    }

    /** Unites the serialized set into {@code into}. */
    static void orInto(RoaringBitmap into, byte[] bytes) {
        into.or(deserialize(bytes));
    }
}
