package dev.sightline.partnership.partnerships.domain;

import java.time.LocalDate;

/** A regulatory filing or registration. */
public record Filing(FilingType type, String number, LocalDate date) {
}
