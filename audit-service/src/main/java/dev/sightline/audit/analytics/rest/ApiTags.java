package dev.sightline.audit.analytics.rest;

/** The OpenAPI tags of the analytics resources, each described once for every resource that carries it. */
final class ApiTags {
    static final String ANALYTICS = "analytics";
    static final String ANALYTICS_DESCRIPTION =
            "Exact access statistics, regulatory volume thresholds and the authority-request register";
    static final String VERDICTS = "verdicts";
    static final String VERDICTS_DESCRIPTION =
            "Each entry judged against its partnership's data policy in force when it happened";

    private ApiTags() {
    }
}
