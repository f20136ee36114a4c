package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The subjects whose data one aggregate (a counterparty, the exporter or a partnership) exposed in a regime's window,
 * by the regime's categories.
 */
final class RegimeExposure {
    /** Combined data: its subjects and the category of the lowest threshold among those they combine. */
    record Combination(RoaringBitmap subjects, Category lowest) {
    }

    private final Regime regime;
    private final Map<String, RoaringBitmap> direct = new HashMap<>();
    private final Map<String, RoaringBitmap> linkedOnly = new HashMap<>();
    /** Subjects some event of the window recorded a region for. */
    private final RoaringBitmap located = new RoaringBitmap();


    RegimeExposure(Regime regime) {
        this.regime = regime;
    }

    /** Adds exposure of {@code dataCategory}; {@code located}: the events recorded the subjects' region. */
    void add(String dataCategory, RoaringBitmap subjects, boolean located) {
        if (located) {
            this.located.or(subjects);
        }
        for (Category category : regime.categories()) {
            if (category.counts(dataCategory)) {
                direct.computeIfAbsent(category.category(), k -> new RoaringBitmap()).or(subjects);
            } else if (category.countsWhenLinked(dataCategory)) {
                linkedOnly.computeIfAbsent(category.category(), k -> new RoaringBitmap()).or(subjects);
            }
        }
    }

    /**
     * The subjects of each category, in the regime's order. Data of a linked-only data category counts for a subject
     * who also has data the regime counts directly (a device identifier with another listed identifier or with
     * sensitive data, 28 CFR 202.212), never on its own.
     */
    Map<String, RoaringBitmap> counted() {
        RoaringBitmap anyDirect = new RoaringBitmap();
        direct.values().forEach(anyDirect::or);
        Map<String, RoaringBitmap> counted = new LinkedHashMap<>();
        for (Category category : regime.categories()) {
            RoaringBitmap subjects = direct.getOrDefault(category.category(), new RoaringBitmap()).clone();
            RoaringBitmap linked = linkedOnly.get(category.category());
            if (linked != null) {
                subjects.or(RoaringBitmap.and(linked, anyDirect));
            }
            counted.put(category.category(), subjects);
        }
        return counted;
    }

    /**
     * How many of {@code subjects} are counted by the partnership's markets alone: no event of the window recorded
     * their region.
     */
    long inferred(RoaringBitmap subjects) {
        return RoaringBitmap.andNotCardinality(subjects, located);
    }

    /**
     * The regime's combined data in {@code counted}: the subjects whose identifiers are linked to another category,
     * and the category of the lowest threshold among those linked (of all the regime's other categories while none
     * is). Null when the regime has no combined-data rule.
     */
    Combination combined(Map<String, RoaringBitmap> counted) {
        if (regime.combined() == null) {
            return null;
        }
        String identifiers = regime.combined().identifiers();
        RoaringBitmap ids = counted.get(identifiers);
        RoaringBitmap subjects = new RoaringBitmap();
        Category lowest = null;
        Category lowestOfAll = null;
        for (Category category : regime.categories()) {
            if (category.category().equals(identifiers)) {
                continue;
            }
            lowestOfAll = lower(lowestOfAll, category);
            RoaringBitmap linked = RoaringBitmap.and(ids, counted.get(category.category()));
            if (!linked.isEmpty()) {
                subjects.or(linked);
                lowest = lower(lowest, category);
            }
        }
        return new Combination(subjects, lowest == null ? lowestOfAll : lowest);
    }

    private static Category lower(Category lowestSoFar, Category category) {
        return lowestSoFar == null || category.lowest().threshold() < lowestSoFar.lowest().threshold() ? category
                : lowestSoFar;
    }
}
