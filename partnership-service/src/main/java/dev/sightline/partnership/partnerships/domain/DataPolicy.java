package dev.sightline.partnership.partnerships.domain;

import java.util.List;

/**
 * The boundaries the company promised for the partner's AI. Absent lists are empty; {@code retentionDays} and
 * {@code sensitiveAllowed} stay null until decided.
 */
public record DataPolicy(List<String> allowedCategories, List<String> forbiddenCategories,
        List<ProcessingMode> allowedModes, List<String> allowedCountries, List<String> allowedPurposes,
        Integer retentionDays, Boolean sensitiveAllowed) {

    /** A policy that allows nothing and decides nothing yet. */
    public static final DataPolicy UNDECIDED = new DataPolicy(null, null, null, null, null, null, null);

    public DataPolicy {
        allowedCategories = orEmpty(allowedCategories);
        forbiddenCategories = orEmpty(forbiddenCategories);
        allowedModes = orEmpty(allowedModes);
        allowedCountries = orEmpty(allowedCountries);
        allowedPurposes = orEmpty(allowedPurposes);
    }

    /** Whether a mode other than on-device processing is allowed, so data may leave the device. */
    public boolean leavesDevice() {
        return allowedModes.stream().anyMatch(m -> m != ProcessingMode.ON_DEVICE);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
