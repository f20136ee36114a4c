package dev.sightline.verifier.note;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sightline.verifier.note.GoNoteVectors.ENOCH_SIG;
import static dev.sightline.verifier.note.GoNoteVectors.ENOCH_VERIFIER_KEY;
import static dev.sightline.verifier.note.GoNoteVectors.PETER_SIG;
import static dev.sightline.verifier.note.GoNoteVectors.PETER_SIGNER_KEY;
import static dev.sightline.verifier.note.GoNoteVectors.PETER_VERIFIER_KEY;
import static dev.sightline.verifier.note.GoNoteVectors.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedNoteTest {

    private static final NoteVerifier PETER = NoteVerifier.parse(PETER_VERIFIER_KEY);
    private static final NoteVerifier ENOCH = NoteVerifier.parse(ENOCH_VERIFIER_KEY);
    private static final NoteSignature PETER_SIGNATURE = new NoteSignature("PeterNeumann", 0xc74f20a3,
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=");
    private static final NoteSignature ENOCH_SIGNATURE = new NoteSignature("EnochRoot", 0xaf0cfe78,
            "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=");

    @Test
    void signsExactlyLikeGo() {
        // Ed25519 is deterministic, so the JDK must reproduce Go's published note byte for byte.
        NoteSigner signer = NoteSigner.parse(PETER_SIGNER_KEY);
        assertEquals(TEXT + "\n" + PETER_SIG, signer.sign(TEXT));
        assertEquals(PETER, signer.verifier());
        assertEquals(PETER_SIGNER_KEY, signer.encodedPrivateKey());
        assertFalse(signer.toString().contains("PRIVATE"), signer.toString());
    }

    @Test
    void opensGoNotesVerifyingOnlyKnownKeys() {
        SignedNote one = SignedNote.open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, PETER);
        assertEquals(TEXT, one.text());
        assertEquals(List.of(PETER_SIGNATURE), one.verified());
        assertEquals(List.of(ENOCH_SIGNATURE), one.unverified());
        assertTrue(one.isVerifiedBy(PETER));
        assertFalse(one.isVerifiedBy(ENOCH));

        SignedNote both = SignedNote.open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, PETER, ENOCH);
        assertEquals(List.of(PETER_SIGNATURE, ENOCH_SIGNATURE), both.verified());
        assertEquals(List.of(), both.unverified());
    }

    @Test
    void rejectsNotesWithoutAKnownSignature() {
        NoteException e = assertThrows(NoteException.class, () -> SignedNote.open(TEXT + "\n" + PETER_SIG + ENOCH_SIG));
        assertEquals(NoteException.Reason.NO_KNOWN_SIGNATURE, e.reason());
        NoteException other = assertThrows(NoteException.class, () -> SignedNote.open(TEXT + "\n" + ENOCH_SIG, PETER));
        assertEquals(NoteException.Reason.NO_KNOWN_SIGNATURE, other.reason());
    }

    @Test
    void rejectsTamperedText() {
        String tampered = TEXT.replace("problem,", "problem;") + "\n" + PETER_SIG;
        NoteException e = assertThrows(NoteException.class, () -> SignedNote.open(tampered, PETER));
        assertEquals(NoteException.Reason.INVALID_SIGNATURE, e.reason());
        assertEquals("invalid signature for key PeterNeumann+c74f20a3", e.getMessage());
    }

    @Test
    void rejectsACorruptSignatureFromAKnownKey() {
        // note_test.go: four characters inserted after the key id part of the base64.
        String corrupt = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        NoteException e = assertThrows(NoteException.class, () -> SignedNote.open(corrupt, PETER));
        assertEquals(NoteException.Reason.INVALID_SIGNATURE, e.reason());
    }

    @Test
    void dropsRepeatedSignaturesAndKeepsDistinctUnknownOnes() {
        String enochAbcd = ENOCH_SIG.substring(0, 60) + "ABCD" + ENOCH_SIG.substring(60);
        SignedNote note = SignedNote.open(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAbcd, PETER);
        assertEquals(List.of(PETER_SIGNATURE), note.verified());
        assertEquals(2, note.unverified().size());
        assertEquals(ENOCH_SIGNATURE, note.unverified().get(0));
    }

    @Test
    void identicalVerifiersGivenTwiceCountOnce() {
        // Go reports this as an ambiguous key; the same key twice is harmless, so it is accepted.
        assertEquals(List.of(ENOCH_SIGNATURE), SignedNote.open(TEXT + "\n" + ENOCH_SIG, ENOCH, PETER, ENOCH).verified());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void rejectsMalformedNotes(int which) {
        String[] bad = {
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG.repeat(101),
                TEXT + "\n" + "- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        };
        NoteException e = assertThrows(NoteException.class, () -> SignedNote.open(bad[which], PETER));
        assertEquals(NoteException.Reason.MALFORMED, e.reason(), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] text = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 1];
        bad[0] = (byte) 0xff;
        System.arraycopy(text, 0, bad, 1, text.length);
        assertEquals(NoteException.Reason.MALFORMED,
                assertThrows(NoteException.class, () -> SignedNote.open(bad, List.of(PETER))).reason());
        assertEquals(TEXT, SignedNote.open(text, List.of(PETER)).text());
    }

    @Test
    void roundTripsOwnSignaturesWithBlankLinesInTheText() {
        NoteSigner log = NoteSigner.generate("sightline.example/audit-log");
        NoteSigner witness = NoteSigner.generate("witness.example/w1");
        String text = "first\n\nthird line, after a blank one\n\n";
        String note = SignedNote.sign(text, log, witness);
        assertTrue(note.startsWith(text + "\n\u2014 sightline.example/audit-log "), note);

        SignedNote opened = SignedNote.open(note, witness.verifier(), log.verifier());
        assertEquals(text, opened.text());
        assertEquals(2, opened.verified().size());
        assertEquals(log.keyId(), opened.verified().get(0).keyId());

        SignedNote onlyLog = SignedNote.open(note, log.verifier());
        assertEquals(List.of("witness.example/w1"), onlyLog.unverified().stream().map(NoteSignature::name).toList());

        NoteSigner otherKeySameName = NoteSigner.generate("sightline.example/audit-log");
        assertThrows(NoteException.class, () -> SignedNote.open(note, otherKeySameName.verifier()));
    }

    @Test
    void listsWhoSignedWithoutVerifyingAndRefusesWhatOpenRefuses() {
        NoteSigner log = NoteSigner.generate("sightline.example/audit-log");
        NoteSigner witness = NoteSigner.generate("witness.example/w1");
        String note = SignedNote.sign("first\n\nthird line, after a blank one\n", log, witness);
        assertEquals(List.of("sightline.example/audit-log+" + log.verifier().keyIdHex(),
                "witness.example/w1+" + witness.verifier().keyIdHex()), SignedNote.signatures(note).stream()
                .map(s -> s.name() + "+" + s.keyIdHex()).toList());
        for (String bad : new String[] {"text\n", "text\n\n", "text\n\n\u2014 n\n", "text\n\nno dash\n"}) {
            NoteException e = assertThrows(NoteException.class, () -> SignedNote.signatures(bad), bad);
            assertEquals(NoteException.Reason.MALFORMED, e.reason());
        }
    }

    @Test
    void refusesToSignTextThatCannotBeANote() {
        NoteSigner signer = NoteSigner.generate("n");
        for (String text : new String[] {"", "no newline", "tab\there\n", "cr\r\n", "lone \uD800\n"}) {
            NoteException e = assertThrows(NoteException.class, () -> signer.sign(text), text);
            assertEquals(NoteException.Reason.MALFORMED, e.reason());
        }
    }
}
