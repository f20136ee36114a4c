package dev.sightline.partnership.partnerships.domain;

/** The legal ground for processing in a jurisdiction (a country or region code). */
public record LegalBasis(String jurisdiction, String basis, String notes) {
}
