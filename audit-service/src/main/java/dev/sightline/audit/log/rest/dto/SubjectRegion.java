package dev.sightline.audit.log.rest.dto;

import dev.sightline.support.validation.CountryCode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * A data subject's coarse region: an ISO 3166-1 alpha-2 country code such as {@code CN}, or {@code US-} and the
 * ISO 3166-2 code of a US state, the District of Columbia or an outlying area, such as {@code US-CA}. Coarse on
 * purpose: it tells which law protects the subject (U.S. persons, California consumers, PRC individuals), never
 * where the subject is.
 */
@Documented
@Constraint(validatedBy = SubjectRegion.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SubjectRegion {
    String MESSAGE = "must be an ISO 3166-1 alpha-2 country code such as CN, or a US state such as US-CA";
    /** The shape the contract shows; the validator also requires a known country or state. */
    String PATTERN = "^([A-Z]{2}|US-[A-Z]{2})$";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<SubjectRegion, String> {
        private static final Set<String> US_SUBDIVISIONS = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE",
                "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
                "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
                "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "UM", "VI");

        public static boolean isRegion(String value) {
            return value != null && (CountryCode.Validator.isCountry(value)
                    || value.length() == 5 && value.startsWith("US-") && US_SUBDIVISIONS.contains(value.substring(3)));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isRegion(value);
        }
    }
}
