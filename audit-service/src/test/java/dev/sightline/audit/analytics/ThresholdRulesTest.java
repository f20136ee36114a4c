package dev.sightline.audit.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.ThresholdRules.RuleSet;
import dev.sightline.audit.analytics.ThresholdRules.Tier;
import dev.sightline.audit.analytics.ThresholdRules.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleSet RULES = ThresholdRules.load("rules/threshold-rules.json", JSON);

    @Test
    void aTierIsCrossedByItsOwnComparatorAndIsNearFromEightyPercentBelowIt() {
        long seed = 20261203L;
        Random random = new Random(seed);
        for (int round = 0; round < 5000; round++) {
            long threshold = 1 + random.nextInt(round < 2500 ? 200 : 2_000_000);
            long count = Math.max(0, threshold + random.nextInt(41) - 30 - (random.nextBoolean() ? threshold / 5 : 0));
            for (String comparator : List.of(">", "≥")) {
                Tier tier = new Tier(comparator, threshold, "SECURITY_ASSESSMENT", "Art. 7");
                boolean crossed = comparator.equals(">") ? count > threshold : count >= threshold;
                String expected = crossed ? "EXCEEDED" : count * 100 >= 80 * threshold ? "NEAR" : "BELOW";
                assertEquals(expected, tier.status(count, 80),
                        "seed " + seed + " round " + round + ": " + count + " " + comparator + " " + threshold);
            }
        }
        assertEquals("NEAR", new Tier(">", 100, "PROHIBITED", "s").status(100, 80), "not more than 100");
        assertEquals("EXCEEDED", new Tier("≥", 10_000, "SECURITY_ASSESSMENT", "s").status(10_000, 80), "or more");
        assertEquals("BELOW", new Tier("≥", 1, "STANDARD_CONTRACT_OR_CERTIFICATION", "s").status(0, 80));
        assertEquals("1.0100", new Tier(">", 100, "PROHIBITED", "s").ratio(101).toPlainString());
    }

    @Test
    void theRuleSetStatesEachThresholdWithItsComparatorConsequenceAndSource() {
        assertEquals("2026.3", RULES.version());
        Regime us = regime("US_BULK_SENSITIVE_DATA");
        Regime cn = regime("CN_CROSS_BORDER_PROVISION");
        assertEquals(ThresholdRules.Aggregation.COUNTERPARTY, us.aggregation());
        assertEquals(ThresholdRules.Aggregation.EXPORTER, cn.aggregation());
        assertEquals("UTC", us.window().zone());
        assertEquals("Asia/Shanghai", cn.window().zone());
        us.categories().forEach(c -> c.tiers().forEach(t -> {
            assertEquals(">", t.comparator(), c.category());
            assertTrue(t.source().startsWith("28 CFR 202.205("), c.category());
        }));
        cn.categories().forEach(c -> c.tiers().forEach(t -> {
            assertEquals("≥", t.comparator(), c.category());
            assertTrue(t.source().contains("(CAC, 2024), Art. "), c.category());
        }));
        assertEquals(List.of(100L, 1_000L, 1_000L, 1_000L, 10_000L, 10_000L, 100_000L),
                us.categories().stream().map(c -> c.lowest().threshold()).toList());
        assertEquals(List.of("PROHIBITED", "PROHIBITED", "RESTRICTED_SECURITY_REQUIREMENTS"),
                us.categories().subList(0, 3).stream().map(c -> c.lowest().consequence()).toList());
        assertEquals(List.of(100_000L, 1_000_000L, 1L, 10_000L), cn.categories().stream()
                .flatMap(c -> c.tiers().stream()).map(Tier::threshold).toList());
        assertEquals(List.of("STANDARD_CONTRACT_OR_CERTIFICATION", "SECURITY_ASSESSMENT",
                "STANDARD_CONTRACT_OR_CERTIFICATION", "SECURITY_ASSESSMENT"), cn.categories().stream()
                        .flatMap(c -> c.tiers().stream()).map(Tier::consequence).toList());
    }

    @Test
    void splitsHumanGenomicFromOtherOmicDataAndCountsADeviceIdentifierOnlyWhenLinked() {
        Regime us = regime("US_BULK_SENSITIVE_DATA");
        Category genomic = category(us, "HUMAN_GENOMIC");
        Category omic = category(us, "OTHER_HUMAN_OMIC");
        Category identifiers = category(us, "COVERED_PERSONAL_IDENTIFIERS");
        assertTrue(genomic.counts("user.genomic"));
        assertFalse(genomic.counts("user.genomic.other"));
        assertTrue(omic.counts("user.genomic.other"));
        assertFalse(identifiers.counts("user.device.identifier"));
        assertTrue(identifiers.countsWhenLinked("user.device.identifier"));
        assertTrue(identifiers.counts("user.identifier.covered"));
    }

    @Test
    void aWindowEndsAtItsLastInstantInItsZone() {
        Window shanghaiYear = new Window("CALENDAR_YEAR_TO_DATE", null, "Asia/Shanghai");
        // a period ending at 2027-01-01T00:00+08:00 is the Shanghai year 2026
        assertEquals(Instant.parse("2025-12-31T16:00:00Z"), shanghaiYear.start(Instant.parse("2026-12-31T16:00:00Z")));
        // 2026-12-31T20:00Z is already 2027 in Shanghai
        assertEquals(Instant.parse("2026-12-31T16:00:00Z"), shanghaiYear.start(Instant.parse("2026-12-31T20:00:00Z")));
        Window twelveMonths = new Window("TRAILING_MONTHS", 12, "UTC");
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), twelveMonths.start(Instant.parse("2026-06-01T00:00:00Z")));
    }

    @Test
    void refusesARuleSetWithoutComparatorSourceOrZone(@TempDir Path dir) throws Exception {
        String good = new String(Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("rules/threshold-rules.json").readAllBytes(), StandardCharsets.UTF_8);
        for (String[] change : new String[][] { { "\"comparator\": \">\"", "\"comparator\": \">=\"" },
            { "\"source\": \"28 CFR 202.205(d); 28 CFR 202.401\"", "\"source\": \"\"" },
            { "\"zone\": \"Asia/Shanghai\"", "\"zone\": \"Mars/Olympus\"" },
            { "{\"consequence\": \"SECURITY_ASSESSMENT\", ", "{\"consequence\": \"SECURITY_REVIEW\", " },
            { "\"transfersFrom\": [\"CN\"],", "" } }) {
            assertTrue(good.contains(change[0]), change[0]);
            Path file = dir.resolve("rules.json");
            Files.writeString(file, good.replace(change[0], change[1]));
            assertThrows(IllegalStateException.class, () -> ThresholdRules.load(file.toString(), JSON), change[1]);
        }
    }

    @Test
    void namesTheMechanismsThatCoverEachConsequenceAndTheOriginsTheyCover() {
        assertEquals(List.of("CN_STANDARD_CONTRACT", "CN_CERTIFICATION", "CN_SECURITY_ASSESSMENT"),
                RULES.consequence("STANDARD_CONTRACT_OR_CERTIFICATION").coveredBy());
        assertEquals(List.of("CN_SECURITY_ASSESSMENT"), RULES.consequence("SECURITY_ASSESSMENT").coveredBy());
        assertEquals(List.of("US_DOJ_SECURITY_REQUIREMENTS"),
                RULES.consequence("RESTRICTED_SECURITY_REQUIREMENTS").coveredBy());
        assertEquals(List.of(), RULES.consequence("PROHIBITED").coveredBy(), "nothing makes a prohibited one lawful");
        assertTrue(RULES.consequence("PROHIBITED").source().startsWith("28 CFR 202.303"));
        assertEquals(List.of("US"), regime("US_BULK_SENSITIVE_DATA").transfersFrom());
        assertEquals(List.of("CN"), regime("CN_CROSS_BORDER_PROVISION").transfersFrom());
    }

    private static Regime regime(String name) {
        return RULES.regimes().stream().filter(r -> r.regime().equals(name)).findFirst().orElseThrow();
    }

    private static Category category(Regime regime, String name) {
        return regime.categories().stream().filter(c -> c.category().equals(name)).findFirst().orElseThrow();
    }
}
