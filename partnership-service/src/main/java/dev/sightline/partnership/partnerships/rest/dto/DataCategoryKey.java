package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.taxonomy.Taxonomy;
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

/** A key of the data-category taxonomy ({@code GET /api/v1/taxonomy/data-categories}); null is valid. */
@Documented
@Constraint(validatedBy = DataCategoryKey.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface DataCategoryKey {
    String message() default "is not a data category of the taxonomy (see GET /api/v1/taxonomy/data-categories)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @ApplicationScoped
    class Validator implements ConstraintValidator<DataCategoryKey, String> {
        private final Taxonomy taxonomy;

        Validator(Taxonomy taxonomy) {
            this.taxonomy = taxonomy;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || taxonomy.contains(value);
        }
    }
}
