package dev.sightline.partnership.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text about a partnership or a partner, where a person's contact data does not belong: no e-mail address,
 * no phone number (international {@code +49 …}/{@code 0049 …}, {@code tel:}, or a national number starting with 0),
 * no IBAN (checked by its mod-97 check digits, so references and dates do not trip it). Revisions are kept forever,
 * so what is refused here is never stored. Null is valid.
 */
@Documented
@Constraint(validatedBy = NoContactData.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface NoContactData {
    String message() default "must not contain contact data (an e-mail address, phone number or IBAN); "
            + "name a role or a document instead";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NoContactData, String> {
        private static final Pattern EMAIL = Pattern.compile(
                "[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");
        private static final Pattern PHONE = Pattern.compile(
                "(tel:\\s*\\+?|\\+|(?<![0-9])00|(?<![0-9A-Za-z-])0)[1-9](?:[ ./()-]?[0-9]){6,14}(?![0-9])",
                Pattern.CASE_INSENSITIVE);
        private static final Pattern IBAN = Pattern.compile("(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Z0-9])",
                Pattern.CASE_INSENSITIVE);
        private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

        /** Whether {@code text} carries an e-mail address, a phone number or an IBAN. */
        public static boolean containsContactData(String text) {
            if (EMAIL.matcher(text).find() || PHONE.matcher(text).find()) {
                return true;
            }
            Matcher iban = IBAN.matcher(text);
            while (iban.find()) {
                if (validIban(iban.group())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !containsContactData(value);
        }

        private static boolean validIban(String candidate) {
            String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
            String rearranged = iban.substring(4) + iban.substring(0, 4);
            StringBuilder digits = new StringBuilder();
            for (char c : rearranged.toCharArray()) {
                digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
            }
            return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
        }
    }
}
