package dev.sightline.audit.log.rest.dto;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A subject reference in the one pseudonym format the log takes: {@code ps_} and the unpadded base64url form of a
 * 32-byte keyed hash (HMAC-SHA-256 of the client's own subject id under a key only the client holds), 46
 * characters in all, such as {@value #EXAMPLE}. The last character carries only 4 bits, so it is one of
 * {@code AEIMQUYcgkosw048}. Anything else (a name, an e-mail address, a phone number, an IBAN, an unkeyed or
 * truncated hash) is refused: the log can never forget what it stores.
 */
@Documented
@Constraint(validatedBy = PseudonymousRef.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PseudonymousRef {
    String PATTERN = "^ps_[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$";
    String EXAMPLE = "ps_bVAyvEv_TnXk5yfrZpwBlV3vs4jgdmefegJ0BeuQ69k";
    String MESSAGE = "must be a pseudonym: ps_ and the 43 base64url characters of an HMAC-SHA-256, such as " + EXAMPLE;

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<PseudonymousRef, String> {
        private static final String LAST = "AEIMQUYcgkosw048";

        /** {@link #PATTERN}, checked by hand: a regular expression per event cost more than the check itself. */
        public static boolean isPseudonym(String value) {
            if (value.length() != 46 || !value.startsWith("ps_") || LAST.indexOf(value.charAt(45)) < 0) {
                return false;
            }
            for (int i = 3; i < 45; i++) {
                char c = value.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPseudonym(value);
        }
    }
}
