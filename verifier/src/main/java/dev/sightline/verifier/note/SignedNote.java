package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.sightline.verifier.note.NoteException.Reason.AMBIGUOUS_KEY;
import static dev.sightline.verifier.note.NoteException.Reason.INVALID_SIGNATURE;
import static dev.sightline.verifier.note.NoteException.Reason.MALFORMED;
import static dev.sightline.verifier.note.NoteException.Reason.NO_KNOWN_SIGNATURE;

/**
 * A c2sp.org/signed-note that has been opened: its text (ending in a newline) and its
 * signatures, split into those verified by a given key and those by keys not given.
 *
 * <pre>
 * text line 1
 * text line 2
 *
 * — key-name base64(key id || signature)
 * </pre>
 */
public record SignedNote(String text, List<NoteSignature> verified, List<NoteSignature> unverified) {

    /** Em dash (U+2014) and space, which start every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    /** More signatures than this make a note malformed (the spec asks to accept at least 16; Go allows 100). */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        Objects.requireNonNull(text, "text");
        verified = List.copyOf(verified);
        unverified = List.copyOf(unverified);
    }

    /**
     * Signs {@code text} with each signer: the text, a blank line, then one signature line per
     * signer in the given order.
     *
     * @throws NoteException ({@code MALFORMED}) unless the text is non-empty, ends with a
     *         newline and has no control characters other than newlines
     */
    public static String sign(String text, NoteSigner... signers) {
        Objects.requireNonNull(text, "text");
        if (signers.length == 0) {
            throw new IllegalArgumentException("at least one signer is needed");
        }
        if (!text.endsWith("\n") || !NoteText.isValidNoteText(text)) {
            throw new NoteException(MALFORMED, "note text must end with a newline and contain no control characters");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder note = new StringBuilder(text).append('\n');
        for (NoteSigner signer : signers) {
            note.append(SIGNATURE_PREFIX).append(signer.name()).append(' ')
                    .append(Base64.getEncoder().encodeToString(signer.signatureBytes(message))).append('\n');
        }
        return note.toString();
    }

    /** {@link #open(String, Collection)} for UTF-8 bytes, rejecting invalid UTF-8 as malformed. */
    public static SignedNote open(byte[] note, Collection<NoteVerifier> verifiers) {
        Objects.requireNonNull(note, "note");
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note)).toString();
        } catch (CharacterCodingException e) {
            throw new NoteException(MALFORMED, "note is not valid UTF-8");
        }
        return open(decoded, verifiers);
    }

    /** {@link #open(String, Collection)} with the verifiers as varargs. */
    public static SignedNote open(String note, NoteVerifier... verifiers) {
        return open(note, Arrays.asList(verifiers));
    }

    /**
     * Parses a signed note and checks its signatures against the given keys. Signatures by
     * other keys are kept as unverified and otherwise ignored, as the spec requires; every
     * signature by a given key is checked.
     *
     * @throws NoteException {@code MALFORMED} for bad syntax, {@code INVALID_SIGNATURE} when a
     *         given key's signature fails, {@code NO_KNOWN_SIGNATURE} when no given key signed,
     *         {@code AMBIGUOUS_KEY} when a signature names two different given keys
     */
    public static SignedNote open(String note, Collection<NoteVerifier> verifiers) {
        Map<String, Set<NoteVerifier>> known = index(verifiers);
        String text = text(note);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Set<NoteSignature> verified = new LinkedHashSet<>();
        Set<NoteSignature> unverified = new LinkedHashSet<>();
        for (NoteSignature signature : signatures(note, text)) {
            byte[] raw = Base64.getDecoder().decode(signature.base64());
            Set<NoteVerifier> candidates = known.getOrDefault(signature.name() + "+" + signature.keyIdHex(), Set.of());
            if (candidates.isEmpty()) {
                unverified.add(signature);
                continue;
            }
            if (candidates.size() > 1) {
                throw new NoteException(AMBIGUOUS_KEY, "ambiguous key " + signature.name() + "+" + signature.keyIdHex());
            }
            NoteVerifier verifier = candidates.iterator().next();
            if (!verifier.verify(message, Arrays.copyOfRange(raw, 4, raw.length))) {
                throw new NoteException(INVALID_SIGNATURE,
                        "invalid signature for key " + signature.name() + "+" + signature.keyIdHex());
            }
            verified.add(signature);
        }
        if (verified.isEmpty()) {
            throw new NoteException(NO_KNOWN_SIGNATURE, "note has no signature by a known key");
        }
        return new SignedNote(text, new ArrayList<>(verified), new ArrayList<>(unverified));
    }

    /**
     * The signature lines of a signed note, none of them verified: who says they signed it. For showing a note;
     * trusting one takes {@link #open}.
     *
     * @throws NoteException {@code MALFORMED} for bad syntax, as {@link #open} would
     */
    public static List<NoteSignature> signatures(String note) {
        return signatures(note, text(note));
    }

    private static List<NoteSignature> signatures(String note, String text) {
        String block = note.substring(text.length() + 1);
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new NoteException(MALFORMED, "note has more than " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            signatures.add(parseLine(line));
        }
        return signatures;
    }

    /** The note's text, up to and including the newline before its last blank line, once its syntax is checked. */
    private static String text(String note) {
        Objects.requireNonNull(note, "note");
        if (!NoteText.isValidNoteText(note)) {
            throw new NoteException(MALFORMED, "note contains control characters or invalid Unicode");
        }
        // The text ends at the last blank line; it may contain blank lines itself.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException(MALFORMED, "note has no blank line before its signatures");
        }
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new NoteException(MALFORMED, "signature block must be non-empty and end with a newline");
        }
        return note.substring(0, split + 1);
    }

    /**
     * The signed note with more signature lines after its own (a witness's cosignatures, say); a line the
     * note already carries is not repeated.
     *
     * @throws NoteException ({@code MALFORMED}) unless the note ends with a newline after a signature block
     */
    public static String withSignatures(String note, Collection<NoteSignature> signatures) {
        Objects.requireNonNull(note, "note");
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n") || split + 2 == note.length()) {
            throw new NoteException(MALFORMED, "note has no signature block to add to");
        }
        Set<String> present = new HashSet<>(Arrays.asList(note.substring(split + 2).split("\n")));
        StringBuilder out = new StringBuilder(note);
        for (NoteSignature signature : signatures) {
            if (present.add(signature.line())) {
                out.append(signature.line()).append('\n');
            }
        }
        return out.toString();
    }

    /** Whether a signature by {@code verifier}'s key was verified. */
    public boolean isVerifiedBy(NoteVerifier verifier) {
        return verified.stream().anyMatch(s -> s.name().equals(verifier.name()) && s.keyId() == verifier.keyId());
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new NoteException(MALFORMED, "signature line must start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String base64 = space < 0 ? "" : rest.substring(space + 1);
        byte[] raw = NoteText.decodeBase64(base64);
        if (!NoteText.isValidKeyName(name) || raw == null || raw.length < 5) {
            throw new NoteException(MALFORMED, "signature line must be '— <key name> <base64 key id and signature>'");
        }
        return new NoteSignature(name, ByteBuffer.wrap(raw, 0, 4).getInt(), base64);
    }

    // Identical keys given twice count once; different keys under one name and id are kept
    // apart so that a signature claiming them is reported instead of guessed.
    private static Map<String, Set<NoteVerifier>> index(Collection<NoteVerifier> verifiers) {
        Objects.requireNonNull(verifiers, "verifiers");
        Map<String, Set<NoteVerifier>> known = new HashMap<>();
        for (NoteVerifier verifier : verifiers) {
            Objects.requireNonNull(verifier, "verifier");
            known.computeIfAbsent(verifier.name() + "+" + verifier.keyIdHex(), k -> new HashSet<>()).add(verifier);
        }
        return known;
    }
}
