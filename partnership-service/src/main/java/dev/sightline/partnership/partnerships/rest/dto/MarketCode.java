package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.jurisdictions.Jurisdictions;
import dev.sightline.support.validation.CountryCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An ISO 3166-1 alpha-2 country code or a region code of {@code data/jurisdictions.json} ({@code EU}); null is valid. */
@Documented
@Constraint(validatedBy = MarketCode.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MarketCode {
    String message() default "must be an ISO 3166-1 alpha-2 country code such as DE or the region code EU";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @ApplicationScoped
    class Validator implements ConstraintValidator<MarketCode, String> {
        private final Jurisdictions jurisdictions;

        Validator(Jurisdictions jurisdictions) {
            this.jurisdictions = jurisdictions;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CountryCode.Validator.isCountry(value) || jurisdictions.isRegion(value);
        }
    }
}
