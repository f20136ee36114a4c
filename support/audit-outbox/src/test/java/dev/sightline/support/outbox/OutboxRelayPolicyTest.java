package dev.sightline.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers the relay retries, and how long it waits. */
class OutboxRelayPolicyTest {

    @Test
    void backsOffExponentiallyUpToTheLimit() {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(1);
        assertEquals(Duration.ofMillis(200), OutboxRelay.backoff(0, initial, max));
        assertEquals(Duration.ofMillis(400), OutboxRelay.backoff(1, initial, max));
        assertEquals(Duration.ofMillis(800), OutboxRelay.backoff(2, initial, max));
        assertEquals(Duration.ofSeconds(1), OutboxRelay.backoff(3, initial, max));
        assertEquals(Duration.ofSeconds(1), OutboxRelay.backoff(Integer.MAX_VALUE, initial, max));
        assertEquals(Duration.ofMinutes(5), OutboxRelay.backoff(60, Duration.ofSeconds(1), Duration.ofMinutes(5)));
    }

    /** No answer, redirects, our own credentials, timeouts, throttling and server errors say nothing about the events. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 301, 307, 401, 403, 408, 429, 500, 502, 503, 504 })
    void retriesAnswersThatSayNothingAboutTheEvents(int status) {
        assertTrue(OutboxRelay.retryable(status));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 404, 409, 413, 415, 422 })
    void takesAnyOtherClientErrorAsARejectionOfTheEvents(int status) {
        assertFalse(OutboxRelay.retryable(status));
    }
}
