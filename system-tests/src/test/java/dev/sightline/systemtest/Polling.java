package dev.sightline.systemtest;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for asynchronous outcomes (checkpoints, verdicts, the outbox relay) against a deadline, never a sleep. */
final class Polling {
    private Polling() {
    }

    static void until(String what, Duration timeout, Duration interval, BooleanSupplier condition) {
        await(what, timeout, interval, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first present value, or an AssertionError naming what did not happen in time. */
    static <T> T await(String what, Duration timeout, Duration interval, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = attempt.get();
                if (value.isPresent()) {
                    return value.get();
                }
                last = null;
            } catch (IllegalStateException fatal) {
                throw fatal;
            } catch (Exception | AssertionError e) {
                // not yet: a refused connection, a 404 before the data exists, an assertion on partial data
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: "
                        + what);
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what, e);
            }
        }
    }
}
