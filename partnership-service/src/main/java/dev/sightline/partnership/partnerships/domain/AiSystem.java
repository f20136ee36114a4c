package dev.sightline.partnership.partnerships.domain;

/** An AI system the partnership lets into the product, with its EU AI Act risk class. */
public record AiSystem(String name, String provider, String version, RiskClass riskClass, boolean generalPurpose) {
}
