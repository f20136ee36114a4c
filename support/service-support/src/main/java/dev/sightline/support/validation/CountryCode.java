package dev.sightline.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code in upper case, such as {@code DE} or {@code CN}; null is valid. */
@Documented
@Constraint(validatedBy = CountryCode.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface CountryCode {
    String message() default "must be an ISO 3166-1 alpha-2 country code such as DE or CN";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts exactly the codes the JDK knows as ISO 3166-1 alpha-2. */
    final class Validator implements ConstraintValidator<CountryCode, String> {
        private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

        public static boolean isCountry(String value) {
            return value != null && CODES.contains(value);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isCountry(value);
        }
    }
}
