package dev.sightline.audit.log;

/**
 * The shapes of event keys, checked by hand: these run for every event on the append path, where
 * regular expressions cost more than everything else the validator does.
 */
final class Keys {
    private Keys() {
    }

    /** {@code [a-z0-9][a-z0-9._-]*}, as {@code EventRequest.KEY}. */
    static boolean isKey(String value) {
        if (value.isEmpty() || !lowerOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!lowerOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*}, as {@code EventRequest.CATEGORY}. */
    static boolean isCategory(String value) {
        boolean segmentStart = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (segmentStart) {
                if (c < 'a' || c > 'z') {
                    return false;
                }
                segmentStart = false;
            } else if (c == '.') {
                segmentStart = true;
            } else if (!lowerOrDigit(c) && c != '_') {
                return false;
            }
        }
        return !segmentStart;
    }

    private static boolean lowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
