package dev.sightline.verifier.note;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CosignatureTest {

    // A checkpoint of the public CT log arche2025h1.staging.ct.transparency.dev as served with the cosignatures
    // of four public witnesses (tests of the tlog_scales Python package, tests/test_signing.py), and the
    // witnesses' published cosignature/v1 verifier keys. The first signature line is the log's RFC 6962 one
    // (type 0x05), which no key here opens.
    static final String LOG_KEY = "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
    static final String BODY = """
            arche2025h1.staging.ct.transparency.dev
            1432088532
            U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=
            """;
    static final String COSIGNED = BODY + "\n"
            + "\u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=\n"
            + "\u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n"
            + "\u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==\n"
            + "\u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==\n"
            + "\u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==\n"
            + "\u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n";
    static final List<String> WITNESS_KEYS = List.of(
            "transparency.dev/DEV:witness-little-garden+d8042a87+BCtusOxINQNUTN5Oj8HObRkh2yHf/MwYaGX4CPdiVEPM",
            "witness1.smartit.nu/witness1+a48c820f+BPSFWg9G6KPiO7QPryYO5Xq4oYJJ+kAvLKLSimDhoxMO",
            "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2",
            "witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv");
    // 0x6a122120, the time all four cosigned at
    static final long TIMESTAMP = 1_779_573_024L;

    @Test
    void verifiesPublishedCosignaturesOfARealCheckpoint() {
        SignedNote note = SignedNote.open(COSIGNED, NoteVerifier.parse(LOG_KEY));
        assertEquals(BODY, note.text());
        // extra signature lines by unknown keys leave the checkpoint readable with the log's key alone
        assertEquals(1_432_088_532L, Checkpoint.open(COSIGNED, NoteVerifier.parse(LOG_KEY)).size());
        for (String key : WITNESS_KEYS) {
            CosignatureVerifier witness = CosignatureVerifier.parse(key);
            assertEquals(key, witness.encoded());
            Cosignature cosignature = witness.verify(note);
            assertEquals(witness.name(), cosignature.name());
            assertEquals(TIMESTAMP, cosignature.timestamp(), key);
            assertEquals(Instant.ofEpochSecond(TIMESTAMP), cosignature.time());
        }
    }

    @Test
    void aCosignatureCoversTheWholeBody() {
        SignedNote note = SignedNote.open(COSIGNED, NoteVerifier.parse(LOG_KEY));
        SignedNote tampered = new SignedNote(BODY.replace("1432088532", "1432088533"), List.of(), note.unverified());
        for (String key : WITNESS_KEYS) {
            NoteException e = assertThrows(NoteException.class, () -> CosignatureVerifier.parse(key).verify(tampered));
            assertEquals(NoteException.Reason.INVALID_SIGNATURE, e.reason());
        }
    }

    @Test
    void aMissingCosignatureIsNamed() {
        SignedNote note = SignedNote.open(COSIGNED, NoteVerifier.parse(LOG_KEY));
        CosignatureVerifier other = CosignatureSigner.generate("witness.example/w9").verifier();
        NoteException e = assertThrows(NoteException.class, () -> other.verify(note));
        assertEquals(NoteException.Reason.NO_KNOWN_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("witness.example/w9+" + other.keyIdHex()), e.getMessage());
    }

    @Test
    void signsTheSpecifiedMessageAndVerifiesItsOwnCosignatures() {
        CosignatureSigner signer = CosignatureSigner.fromSeed("witness.example/w1", new byte[32]);
        NoteSignature signature = signer.cosign(BODY, TIMESTAMP);
        byte[] raw = Base64.getDecoder().decode(signature.base64());
        assertEquals(4 + 8 + 64, raw.length);
        assertEquals(signer.verifier().keyId(), ByteBuffer.wrap(raw).getInt());
        assertEquals(TIMESTAMP, ByteBuffer.wrap(raw, 4, 8).getLong());
        byte[] message = ("cosignature/v1\ntime " + TIMESTAMP + "\n" + BODY).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(message, CosignatureVerifier.signedMessage(TIMESTAMP, BODY));
        // Ed25519 is deterministic: the same message signed directly gives the same bytes
        byte[] direct = Ed25519Keys.sign(Ed25519Keys.privateKeyFromSeed(new byte[32]), message);
        assertArrayEquals(direct, Arrays.copyOfRange(raw, 12, 76));

        String note = SignedNote.withSignatures(COSIGNED, List.of(signature));
        assertEquals(COSIGNED + signature.line() + "\n", note);
        assertEquals(note, SignedNote.withSignatures(note, List.of(signature)));
        SignedNote opened = SignedNote.open(note, NoteVerifier.parse(LOG_KEY));
        assertEquals(TIMESTAMP, signer.verifier().verify(opened).timestamp());
    }

    @Test
    void keyIdUsesTheCosignatureTypeByte() {
        CosignatureSigner signer = CosignatureSigner.fromSeed("witness.example/w1", new byte[32]);
        byte[] raw = signer.verifier().rawPublicKey();
        assertFalse(NoteVerifier.keyId("witness.example/w1", raw) == signer.verifier().keyId(),
                "cosignature/v1 and plain Ed25519 key ids differ");
        String vkey = signer.verifier().encoded();
        assertTrue(vkey.startsWith("witness.example/w1+" + signer.verifier().keyIdHex() + "+BD"), vkey);
        assertEquals(signer.verifier(), CosignatureVerifier.parse(vkey));
        CosignatureSigner again = CosignatureSigner.parse(signer.encodedPrivateKey());
        assertEquals(signer.verifier(), again.verifier());
        assertFalse(signer.toString().contains("PRIVATE"));
    }

    @Test
    void rejectsMalformedWitnessKeys() {
        String good = WITNESS_KEYS.get(2);
        assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.parse("remora.n621.de+da77ade7"));
        assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.parse(good.replace("da77ade7", "da77ade8")));
        // a plain Ed25519 (type 0x01) note key is not a witness key
        assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.parse(LOG_KEY));
        assertThrows(IllegalArgumentException.class, () -> CosignatureVerifier.parse(good + "="));
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse(good));
    }

    @Test
    void aWrongLengthOrNegativeTimestampNeverVerifies() {
        CosignatureSigner signer = CosignatureSigner.fromSeed("w", HexFormat.of().parseHex("01".repeat(32)));
        byte[] raw = Base64.getDecoder().decode(signer.cosign(BODY, 5).base64());
        byte[] timestamped = Arrays.copyOfRange(raw, 4, raw.length);
        assertEquals(5, signer.verifier().verify(BODY, timestamped));
        assertEquals(-1, signer.verifier().verify(BODY, Arrays.copyOf(timestamped, 71)));
        timestamped[0] = (byte) 0x80;
        assertEquals(-1, signer.verifier().verify(BODY, timestamped));
        assertThrows(IllegalArgumentException.class, () -> signer.cosign(BODY, -1));
    }
}
