package dev.sightline.verifier.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Es6NumberFormatTest {

    /**
     * RFC 8785 Appendix B, plus the sample lines of the es6testfile100m documentation and the
     * node-es6 number test of cyberphone/json-canonicalization: IEEE 754 bits, expected text.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
            "4340000000000001, 9007199254740994",
            "4340000000000002, 9007199254740996",
    })
    void formatsTheRfc8785Samples(String bits, String expected) {
        assertEquals(expected, CanonicalJson.formatNumber(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000", "7ff8000000000000"})
    void rejectsNanAndInfinity(String bits) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.formatNumber(value));
    }

    @Test
    void choosesPlainOrExponentNotationAtTheEs6Boundaries() {
        assertEquals("100000000000000000000", CanonicalJson.formatNumber(1e20));
        assertEquals("1e+21", CanonicalJson.formatNumber(1e21));
        assertEquals("123456789012345680000", CanonicalJson.formatNumber(1.2345678901234568e20));
        assertEquals("1.2345678901234568e+21", CanonicalJson.formatNumber(1.2345678901234568e21));
        assertEquals("0.000001", CanonicalJson.formatNumber(1e-6));
        assertEquals("1e-7", CanonicalJson.formatNumber(1e-7));
        assertEquals("1.5e-7", CanonicalJson.formatNumber(1.5e-7));
        assertEquals("0.1", CanonicalJson.formatNumber(0.1));
        assertEquals("0.30000000000000004", CanonicalJson.formatNumber(0.1 + 0.2));
        assertEquals("-123.456", CanonicalJson.formatNumber(-123.456));
        assertEquals("2e-323", CanonicalJson.formatNumber(2e-323));
        // Java 17's Double.toString is not shortest: 9.999999999999999E22, 1.9999999999999998E23, 4.9E-324.
        assertEquals("1e+23", CanonicalJson.formatNumber(1.0E23));
        assertEquals("2e+23", CanonicalJson.formatNumber(2.0E23));
        assertEquals("5e-324", CanonicalJson.formatNumber(Double.MIN_VALUE));
        assertEquals("2.2250738585072014e-308", CanonicalJson.formatNumber(Double.MIN_NORMAL));
    }

    /**
     * Over seeded random doubles: the text reads back as the same double, no shorter digit
     * string would, and the layout follows ECMA-262 Number::toString.
     */
    @Test
    void randomDoublesRoundTripWithTheFewestDigits() {
        long seed = 0xC0FFEEL;
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String text = CanonicalJson.formatNumber(value);
            String where = "seed " + seed + ", bits " + Long.toHexString(Double.doubleToRawLongBits(value)) + " -> " + text;
            assertEquals(value == 0 ? 0.0 : value, Double.parseDouble(text), where);
            BigDecimal decimal = new BigDecimal(text).stripTrailingZeros();
            int digits = decimal.precision();
            assertTrue(digits <= 17, where);
            if (digits > 1) {
                BigDecimal exact = new BigDecimal(value);
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    BigDecimal shorter = exact.round(new MathContext(digits - 1, mode));
                    assertTrue(Double.parseDouble(shorter.toString()) != value, where + " could be " + shorter);
                }
            }
            int exponent = decimal.precision() - decimal.scale(); // value = 0.d1d2... * 10^exponent
            boolean expForm = text.contains("e");
            assertEquals(exponent > 21 || exponent <= -6, expForm, where);
            assertTrue(!text.contains("E") && !text.startsWith("+") && !text.endsWith("."), where);
        }
    }
}
