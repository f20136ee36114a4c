package dev.sightline.portal.web;

import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Locale;

/** Small text helpers the templates use. */
@TemplateExtension
final class TemplateExtensions {
    private TemplateExtensions() {
    }

    /** A word as a CSS class suffix: {@code CURRENT} → {@code current}. */
    static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    static String joined(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }
}
