package dev.sightline.verifier.note;

import java.util.Base64;

/** Lexical rules shared by notes, keys and checkpoints. */
final class NoteText {

    private NoteText() {
    }

    /**
     * Key names: non-empty, no '+', no Unicode space (the Latin-1 spaces Go's unicode.IsSpace
     * lists plus categories Zs, Zl and Zp), no control characters, valid UTF-16.
     */
    static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty() || !isWellFormed(name)) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || cp < 0x20 || cp == 0x7f || cp == 0x85
                || Character.isSpaceChar(cp));
    }

    /** Valid Unicode (no lone surrogates) without ASCII control characters other than newline. */
    static boolean isValidNoteText(String text) {
        if (!isWellFormed(text)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return false;
            }
        }
        return true;
    }

    static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Standard padded base64 in its one canonical spelling, or {@code null}. The JDK decoder
     * tolerates missing padding and stray low bits; a signed format should not.
     */
    static byte[] decodeBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
