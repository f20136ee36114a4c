package dev.sightline.support.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void textWithoutNulOrUnpairedSurrogatesIsStorable() {
        assertNull(Values.textProblem("Larkspur Devices – 東京 😀"));
        assertEquals("must not contain the NUL character (U+0000)", Values.textProblem("a\u0000b"));
        assertEquals("must not contain an unpaired UTF-16 surrogate", Values.textProblem("a\ud800"));
        assertEquals("must not contain an unpaired UTF-16 surrogate", Values.textProblem("\udc00a"));
        assertEquals("must not contain an unpaired UTF-16 surrogate", Values.textProblem("\ud83d\ud83d\ude00"));
    }

    @Test
    void instantsAndDatesLieInTheYearsOneToNineThousandNineHundredNinetyNine() {
        assertTrue(Values.inRange(Instant.parse("0001-01-01T00:00:00Z")));
        assertTrue(Values.inRange(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertFalse(Values.inRange(Instant.parse("0000-12-31T23:59:59Z")));
        assertFalse(Values.inRange(Instant.parse("+10000-01-01T00:00:00Z")));
        assertTrue(Values.inRange(LocalDate.of(9999, 12, 31)));
        assertFalse(Values.inRange(LocalDate.of(0, 12, 31)));
    }

    @Test
    void aUuidIsItsCanonicalThirtySixCharacters() {
        assertTrue(Values.isUuid("41f30665-5112-4592-8ab7-9879e90c23c8"));
        assertTrue(Values.isUuid("41F30665-5112-4592-8AB7-9879E90C23C8"));
        assertFalse(Values.isUuid("41f30665-5112-4592-8ab7-9879e90c23c8 "));
        assertFalse(Values.isUuid("41f30665-5112-4592-8ab7-9879e90c23c8\u0000"));
        assertFalse(Values.isUuid("1-1-1-1-1"));
        assertFalse(Values.isUuid(""));
    }
}
