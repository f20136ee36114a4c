package dev.sightline.audit.log;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds contact data in free text, which the append-only log must never hold: e-mail addresses, phone numbers
 * ({@code tel:} URIs, a {@code +} or {@code 00} followed by 8 to 15 digits, or 10 to 15 digits in a row, spaces,
 * dots, dashes and parentheses between them allowed) and IBANs (a country code, check digits and 11 to 30
 * letters or digits, written together or in groups of four, whose ISO 7064 mod-97 check holds). Model versions and dates have fewer
 * digits; an IBAN-shaped code that fails its check is not one.
 */
public final class ContactData {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern TEL = Pattern.compile("(?i)tel:");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![A-Za-z0-9])(\\+|00)?\\d[\\d .()-]{6,}\\d(?![A-Za-z0-9])");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Z0-9])[A-Z]{2}\\d{2}"
            + "(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?![A-Z0-9])");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private ContactData() {
    }

    /** What kind of contact data {@code text} holds, or null when it holds none. */
    public static String find(String text) {
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            return "an e-mail address";
        }
        if (text.indexOf(':') >= 0 && TEL.matcher(text).find()) {
            return "a phone number";
        }
        // most free text has few digits: a phone number needs 8, an IBAN 2 (the patterns' \d is ASCII)
        int asciiDigits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                asciiDigits++;
            }
        }
        if (asciiDigits < 2) {
            return null;
        }
        Matcher phone = PHONE.matcher(text);
        while (asciiDigits >= 8 && phone.find()) {
            String match = phone.group();
            long digits = match.chars().filter(Character::isDigit).count();
            boolean international = match.startsWith("+") || match.startsWith("00");
            if (digits <= 15 && (digits >= 10 || international && digits >= 8)) {
                return "a phone number";
            }
        }
        Matcher iban = IBAN.matcher(text.toUpperCase(Locale.ROOT));
        while (iban.find()) {
            if (isIban(iban.group().replace(" ", ""))) {
                return "an IBAN";
            }
        }
        return null;
    }

    private static boolean isIban(String candidate) {
        String rearranged = candidate.substring(4) + candidate.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
