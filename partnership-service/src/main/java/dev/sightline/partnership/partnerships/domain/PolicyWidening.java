package dev.sightline.partnership.partnerships.domain;

import dev.sightline.partnership.taxonomy.Taxonomy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a new data policy lets the partner's AI do more than the one in force: a taxonomy category let through
 * that was not (more allowed or fewer forbidden categories), another processing mode, country or purpose, a longer
 * (or no longer decided) retention, or sensitive data allowed where it was not. Anything else narrows or keeps the
 * policy. An ACTIVE partnership's widening needs a second partnership manager's approval before it applies.
 */
@ApplicationScoped
public class PolicyWidening {
    private final Taxonomy taxonomy;

    PolicyWidening(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** How {@code after} widens {@code before}, one sentence per field; empty when it does not. */
    public List<String> widenings(DataPolicy before, DataPolicy after) {
        List<String> widenings = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>(taxonomy.permitted(after.allowedCategories(),
                after.forbiddenCategories()));
        categories.removeAll(taxonomy.permitted(before.allowedCategories(), before.forbiddenCategories()));
        if (!categories.isEmpty()) {
            widenings.add("dataPolicy.allowedCategories: lets through " + categories);
        }
        added("dataPolicy.allowedModes", before.allowedModes(), after.allowedModes(), widenings);
        added("dataPolicy.allowedCountries", before.allowedCountries(), after.allowedCountries(), widenings);
        added("dataPolicy.allowedPurposes", before.allowedPurposes(), after.allowedPurposes(), widenings);
        if (before.retentionDays() != null
                && (after.retentionDays() == null || after.retentionDays() > before.retentionDays())) {
            widenings.add("dataPolicy.retentionDays: " + before.retentionDays() + " → "
                    + (after.retentionDays() == null ? "undecided" : after.retentionDays()));
        }
        if (!Boolean.TRUE.equals(before.sensitiveAllowed()) && Boolean.TRUE.equals(after.sensitiveAllowed())) {
            widenings.add("dataPolicy.sensitiveAllowed: " + before.sensitiveAllowed() + " → true");
        }
        return widenings;
    }

    private static <T> void added(String field, List<T> before, List<T> after, List<String> widenings) {
        List<T> added = after.stream().filter(v -> !before.contains(v)).distinct().toList();
        if (!added.isEmpty()) {
            widenings.add(field + ": adds " + added);
        }
    }
}
