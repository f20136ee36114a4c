package dev.sightline.partnership.partnerships.domain;

/** A product feature in scope; {@code key} is what access events name as their feature. */
public record Feature(String key, String name, String purpose) {
}
