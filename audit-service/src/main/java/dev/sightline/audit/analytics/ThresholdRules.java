package dev.sightline.audit.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** The threshold rule set, loaded from versioned data ({@code sightline.analytics.rule-set}). */
@ApplicationScoped
class ThresholdRules {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSet(String version, int nearPercent, List<Regime> regimes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Regime(String regime, String citation, Window window, boolean perCounterparty, Scope scope,
            List<Category> categories) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(String type, Integer months) {
        /** The window's start for an evaluation at {@code at}; it ends at {@code at} (exclusive). */
        Instant start(Instant at) {
            ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
            return switch (type) {
                case "TRAILING_MONTHS" -> utc.minusMonths(months).toInstant();
                case "CALENDAR_YEAR_TO_DATE" -> LocalDate.of(utc.getYear(), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                default -> throw new IllegalStateException("unknown window type " + type);
            };
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(List<String> subjectMarkets, Boolean counterpartyCoveredPerson, List<String> modes,
            List<String> excludedProcessingCountries) {
        boolean matches(boolean covered, String markets, String mode, String country) {
            if (counterpartyCoveredPerson != null && counterpartyCoveredPerson != covered) {
                return false;
            }
            if (modes != null && !modes.isEmpty() && !modes.contains(mode)) {
                return false;
            }
            if (excludedProcessingCountries != null && excludedProcessingCountries.contains(country)) {
                return false;
            }
            if (subjectMarkets == null || subjectMarkets.isEmpty()) {
                return true;
            }
            for (String market : markets.split(",")) {
                if (subjectMarkets.contains(market)) {
                    return true;
                }
            }
            return false;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String category, List<String> dataCategories, List<String> excludedDataCategories,
            List<Long> thresholds) {
        boolean matches(String dataCategory) {
            return VerdictRules.covers(dataCategories, dataCategory) && (excludedDataCategories == null
                    || !VerdictRules.covers(excludedDataCategories, dataCategory));
        }
    }

    private final RuleSet rules;

    ThresholdRules(AnalyticsConfig config, ObjectMapper json) {
        this.rules = load(config.ruleSet(), json);
    }

    RuleSet rules() {
        return rules;
    }

    static RuleSet load(String location, ObjectMapper json) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return json.readValue(file.toFile(), RuleSet.class);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("threshold rule set " + location + " not found");
                }
                return json.readValue(in, RuleSet.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read threshold rule set " + location, e);
        }
    }

    /**
     * EXCEEDED when count > threshold (the rules say "more than"); NEAR when nearPercent of the threshold <= count <
     * threshold; else BELOW, which includes a count of exactly the threshold.
     */
    static String status(long count, long threshold, int nearPercent) {
        if (count > threshold) {
            return "EXCEEDED";
        }
        if (count == threshold) {
            return "BELOW"; // the rules apply to "more than" the threshold: reaching it exactly is still below
        }
        return count * 100 >= (long) nearPercent * threshold ? "NEAR" : "BELOW";
    }

    static BigDecimal ratio(long count, long threshold) {
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(threshold), 4, RoundingMode.HALF_UP);
    }
}
