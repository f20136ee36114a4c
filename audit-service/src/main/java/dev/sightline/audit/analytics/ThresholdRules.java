package dev.sightline.audit.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The threshold rule set, loaded from versioned data ({@code sightline.analytics.rule-set}) and checked once at
 * start: every threshold carries its comparator, the consequence of crossing it and its source, every window its
 * time zone.
 */
@ApplicationScoped
class ThresholdRules {
    /** The smallest unit of time the log records: a window's last instant is its end minus this. */
    static final ChronoUnit RESOLUTION = ChronoUnit.MICROS;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSet(String version, int nearPercent, List<Regime> regimes, List<Consequence> consequences) {
        void check() {
            require(version != null && !version.isBlank(), "the rule set has no version");
            require(nearPercent > 0 && nearPercent < 100, "nearPercent must be between 1 and 99");
            require(regimes != null && !regimes.isEmpty(), "the rule set has no regimes");
            require(consequences != null, "the rule set names no consequences");
            consequences.forEach(Consequence::check);
            regimes.forEach(Regime::check);
            for (Regime regime : regimes) {
                for (Category category : regime.categories()) {
                    for (Tier tier : category.tiers()) {
                        consequence(tier.consequence());
                    }
                }
            }
        }

        /** What {@code name} requires; every consequence a tier names is defined. */
        Consequence consequence(String name) {
            return consequences.stream().filter(c -> c.consequence().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("threshold rule set: consequence " + name
                            + " is not defined"));
        }
    }

    /**
     * What crossing a threshold requires: the transfer mechanisms any of which covers it (none: the transfer is
     * prohibited) and the source that says so.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consequence(String consequence, List<String> coveredBy, String source) {
        void check() {
            require(consequence != null && coveredBy != null && source != null && !source.isBlank(),
                    "a consequence needs a name, the mechanisms that cover it (possibly none) and a source");
        }
    }

    /** Whose data a regime counts together. */
    enum Aggregation {
        /** Every partnership with the same partner (the foreign or covered person). */
        COUNTERPARTY,
        /** Every partnership of the company (the data handler providing the data abroad). */
        EXPORTER,
        /** Each partnership on its own. */
        PARTNERSHIP
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Regime(String regime, String citation, Window window, Aggregation aggregation, Scope scope,
            List<Category> categories, Combined combined, List<String> transfersFrom) {
        void check() {
            require(regime != null && citation != null, "a regime needs a name and a citation");
            require(transfersFrom != null && !transfersFrom.isEmpty(), regime + " needs transfersFrom: the origins "
                    + "whose recorded transfers must cover a crossing");
            require(window != null && aggregation != null && scope != null, regime + " needs a window, an aggregation "
                    + "and a scope");
            require(categories != null && !categories.isEmpty(), regime + " has no categories");
            window.check(regime);
            categories.forEach(c -> c.check(regime));
            if (combined != null) {
                require(combined.category() != null && combined.source() != null,
                        regime + ": combined data needs a category and a source");
                require(categories.stream().anyMatch(c -> c.category().equals(combined.identifiers())),
                        regime + ": combined data names no category of the regime as its identifiers");
                require(categories.size() > 1, regime + ": combined data needs a category besides the identifiers");
            }
        }
    }

    /**
     * How far back a regime counts from the end of its window (exclusive; the window's last instant, the instant of
     * evaluation, is the end minus {@link #RESOLUTION}), reckoned in {@code zone}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(String type, Integer months, String zone) {
        void check(String regime) {
            try {
                ZoneId.of(zone == null ? "" : zone);
            } catch (DateTimeException e) {
                throw new IllegalStateException(regime + ": window zone " + zone + " is not a time zone");
            }
            require("CALENDAR_YEAR_TO_DATE".equals(type) || "TRAILING_MONTHS".equals(type) && months != null
                    && months > 0, regime + ": unknown window " + type + " (or TRAILING_MONTHS without months)");
        }

        Instant start(Instant end) {
            ZoneId in = ZoneId.of(zone);
            return switch (type) {
                case "TRAILING_MONTHS" -> end.atZone(in).minusMonths(months).toInstant();
                case "CALENDAR_YEAR_TO_DATE" -> LocalDate.of(end.minus(1, RESOLUTION).atZone(in).getYear(), 1, 1)
                        .atStartOfDay(in).toInstant();
                default -> throw new IllegalStateException("unknown window type " + type);
            };
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(List<String> subjectMarkets, Boolean counterpartyCoveredPerson, List<String> modes,
            List<String> excludedProcessingCountries) {
        /**
         * Whether exposure counts for the regime: the subject's recorded region decides whose data it is; without
         * one, the partnership's markets stand in for it.
         */
        boolean matches(boolean covered, String markets, String mode, String country, String region) {
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
            if (region != null && !region.isEmpty()) {
                return subjectMarkets.contains(region);
            }
            for (String market : markets.split(",")) {
                if (subjectMarkets.contains(market)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A category of a regime: the data categories it counts, those it counts only for a subject who also has data of
     * another category of the regime in the window ({@code linkedDataCategories}), and its tiers, lowest first.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String category, List<String> dataCategories, List<String> excludedDataCategories,
            List<String> linkedDataCategories, List<Tier> tiers) {
        void check(String regime) {
            require(category != null && dataCategories != null && !dataCategories.isEmpty(),
                    regime + ": a category needs a name and data categories");
            require(tiers != null && !tiers.isEmpty(), regime + " " + category + " has no thresholds");
            tiers.forEach(t -> t.check(regime + " " + category));
        }

        boolean counts(String dataCategory) {
            return VerdictRules.covers(dataCategories, dataCategory) && !excluded(dataCategory);
        }

        boolean countsWhenLinked(String dataCategory) {
            return linkedDataCategories != null && VerdictRules.covers(linkedDataCategories, dataCategory)
                    && !excluded(dataCategory);
        }

        private boolean excluded(String dataCategory) {
            return excludedDataCategories != null && VerdictRules.covers(excludedDataCategories, dataCategory);
        }

        Tier lowest() {
            return tiers.stream().min(Comparator.comparingLong(Tier::threshold)).orElseThrow();
        }
    }

    /**
     * One threshold: crossed when the count meets {@code comparator} ({@code ">"} "more than", {@code "≥"} "or
     * more"); {@code consequence} is what crossing it requires, {@code source} the instrument and article.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tier(String comparator, long threshold, String consequence, String source) {
        static final String MORE_THAN = ">";
        static final String OR_MORE = "≥";

        void check(String where) {
            require(MORE_THAN.equals(comparator) || OR_MORE.equals(comparator),
                    where + ": comparator must be \">\" or \"≥\", not " + comparator);
            require(threshold >= 1, where + ": threshold must be at least 1");
            require(consequence != null && !consequence.isBlank() && source != null && !source.isBlank(),
                    where + " " + threshold + " needs a consequence and a source");
        }

        boolean crossed(long count) {
            return MORE_THAN.equals(comparator) ? count > threshold : count >= threshold;
        }

        /** EXCEEDED when crossed; NEAR when not crossed but at least nearPercent of the threshold; else BELOW. */
        String status(long count, int nearPercent) {
            if (crossed(count)) {
                return "EXCEEDED";
            }
            return count * 100 >= (long) nearPercent * threshold ? "NEAR" : "BELOW";
        }

        BigDecimal ratio(long count) {
            return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(threshold), 4, RoundingMode.HALF_UP);
        }
    }

    /**
     * Combined data: the subjects whose {@code identifiers} are linked to another category of the regime, counted
     * against the lowest threshold among the categories they combine.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Combined(String category, String identifiers, String source) {
    }

    private final JsonNode document;
    private final RuleSet rules;

    ThresholdRules(AnalyticsConfig config, ObjectMapper json) {
        this.document = read(config.ruleSet(), json);
        this.rules = parse(document, json);
    }

    RuleSet rules() {
        return rules;
    }

    /** The rule set as shipped, with every note and source it carries. */
    JsonNode document() {
        return document.deepCopy();
    }

    static RuleSet load(String location, ObjectMapper json) {
        return parse(read(location, json), json);
    }

    private static RuleSet parse(JsonNode document, ObjectMapper json) {
        RuleSet loaded;
        try {
            loaded = json.treeToValue(document, RuleSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threshold rule set", e);
        }
        loaded.check();
        return loaded;
    }

    private static JsonNode read(String location, ObjectMapper json) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return json.readTree(file.toFile());
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("threshold rule set " + location + " not found");
                }
                return json.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read threshold rule set " + location, e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("threshold rule set: " + problem);
        }
    }
}
