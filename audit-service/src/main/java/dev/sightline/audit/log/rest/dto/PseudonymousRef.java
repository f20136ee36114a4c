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
import java.util.regex.Pattern;

/**
 * A subject reference that is already pseudonymous: an opaque token of letters, digits and
 * {@code _ - : .}, with both letters and digits. That refuses what raw identifiers look like
 * (e-mail addresses, phone and ID numbers, IP and MAC addresses, plain names) while any hash, HMAC
 * or random token passes. It is a heuristic: the client is still responsible for pseudonymising.
 */
@Documented
@Constraint(validatedBy = PseudonymousRef.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PseudonymousRef {
    String MESSAGE = "must be a pseudonymous reference (e.g. an HMAC), not a raw identifier";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<PseudonymousRef, String> {
        private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
        private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}[:\\-]){5}[0-9A-Fa-f]{2}");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            boolean letter = false;
            boolean digit = false;
            boolean separator = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    letter = true;
                } else if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c == ':' || c == '.' || c == '-') {
                    separator = true;
                } else if (c != '_') {
                    return false;
                }
            }
            // the address patterns only need checking when their separators are there
            return letter && digit && !(separator && (IPV4.matcher(value).matches()
                    || MAC.matcher(value).matches() || IPV6.matcher(value).matches()));
        }
    }
}
