package dev.sightline.partnership.partnerships.domain;

/** A cross-border transfer from a country or region to a country, and the legal mechanism that covers it. */
public record Transfer(String fromRegion, String toCountry, TransferMechanism mechanism, String reference) {
}
