package dev.sightline.audit.log;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without the formatter machinery behind it, which costs more per event
 * than hashing the whole entry. Years 0 to 9999 take the fast path; others fall back to the JDK.
 * A property test checks it against {@link Instant#toString()}.
 */
final class Instants {
    private static final long MIN_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long MAX_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private Instants() {
    }

    static void append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds >= MAX_FAST) {
            out.append(instant);
            return;
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        pad(out, date.getYear(), 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                pad(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(out, nano / 1000, 6);
            } else {
                pad(out, nano, 9);
            }
        }
        out.append('Z');
    }

    static String format(Instant instant) {
        StringBuilder out = new StringBuilder(30);
        append(out, instant);
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int digits = value == 0 ? 1 : (int) Math.log10(value) + 1; digits < width; digits++) {
            out.append('0');
        }
        return out.append(value);
    }
}
