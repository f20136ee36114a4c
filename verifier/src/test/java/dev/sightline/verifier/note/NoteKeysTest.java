package dev.sightline.verifier.note;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static dev.sightline.verifier.note.GoNoteVectors.PETER_SIGNER_KEY;
import static dev.sightline.verifier.note.GoNoteVectors.PETER_VERIFIER_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoteKeysTest {

    @Test
    void parsesAndReencodesGoVerifierKeys() {
        NoteVerifier peter = NoteVerifier.parse(PETER_VERIFIER_KEY);
        assertEquals("PeterNeumann", peter.name());
        assertEquals(0xc74f20a3, peter.keyId());
        assertEquals("c74f20a3", peter.keyIdHex());
        assertEquals(PETER_VERIFIER_KEY, peter.encoded());
        assertEquals(PETER_VERIFIER_KEY, NoteVerifier.of("PeterNeumann", peter.publicKey()).encoded());
        assertEquals(0xc74f20a3, NoteVerifier.keyId("PeterNeumann", peter.rawPublicKey()));
    }

    /** note_test.go TestNewVerifier: every substring and every single-character change is rejected. */
    @Test
    void rejectsEveryManglingOfAVerifierKey() {
        byte[] b = PETER_VERIFIER_KEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i != 0 || j != b.length) {
                    assertRejected(new String(b, i, j - i, StandardCharsets.US_ASCII));
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            assertRejected(new String(b, StandardCharsets.US_ASCII));
            b[i]--;
        }
        // Wrong key length and unknown algorithm, each with a matching key id.
        assertRejected("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
        assertRejected("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    }

    @Test
    void parsesGoSignerKeysAndRejectsManglings() {
        NoteSigner signer = NoteSigner.parse(PETER_SIGNER_KEY);
        assertEquals(PETER_VERIFIER_KEY, signer.verifier().encoded());
        byte[] b = PETER_SIGNER_KEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            String mangled = new String(b, StandardCharsets.US_ASCII);
            assertThrows(IllegalArgumentException.class, () -> NoteSigner.parse(mangled), mangled);
            b[i]--;
        }
        for (int end = 1; end < b.length; end += 3) {
            String prefix = PETER_SIGNER_KEY.substring(0, end);
            assertThrows(IllegalArgumentException.class, () -> NoteSigner.parse(prefix), prefix);
        }
    }

    @Test
    void keyIdIsTheTruncatedHashOfNameAlgorithmAndKey() throws Exception {
        NoteSigner signer = NoteSigner.generate("sightline.example/audit-log");
        byte[] raw = signer.verifier().rawPublicKey();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("sightline.example/audit-log\n".getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 1);
        byte[] digest = sha256.digest(raw);
        assertEquals(HexFormat.of().formatHex(digest, 0, 4), signer.verifier().keyIdHex());
        assertEquals(signer.verifier(), NoteVerifier.parse(signer.verifier().encoded()));
        assertEquals(signer.verifier(), NoteSigner.parse(signer.encodedPrivateKey()).verifier());
    }

    @Test
    void keyNamesFollowTheSpec() {
        for (String bad : new String[] {"", "a+b", "a b", "tab\tname", "nbsp\u00a0name", "line\u2028sep", "ideo\u3000space"}) {
            assertThrows(IllegalArgumentException.class, () -> NoteSigner.generate(bad), bad);
        }
        assertEquals("sightline.example/audit-log", NoteSigner.generate("sightline.example/audit-log").name());
    }

    @Test
    void convertsRawKeysAndSeedsWithTheJdk() {
        // RFC 8032 section 7.1, TEST 1: seed, public key, and the signature of the empty message.
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pub = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        KeyPair pair = Ed25519Keys.keyPairFromSeed(seed);
        assertArrayEquals(pub, Ed25519Keys.rawPublicKey(pair.getPublic()));
        assertArrayEquals(seed, Ed25519Keys.seed(pair.getPrivate()));
        assertArrayEquals(sig, Ed25519Keys.sign(Ed25519Keys.privateKeyFromSeed(seed), new byte[0]));

        PublicKey fromRaw = Ed25519Keys.publicKeyFromRaw(pub);
        assertArrayEquals(HexFormat.of().parseHex("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                fromRaw.getEncoded());
        assertTrue(Ed25519Keys.verify(fromRaw, new byte[0], sig));
        assertFalse(Ed25519Keys.verify(fromRaw, new byte[] {0}, sig));
        assertFalse(Ed25519Keys.verify(fromRaw, new byte[0], new byte[63]));

        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicKeyFromRaw(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.privateKeyFromSeed(new byte[33]));
    }

    @Test
    void signerRejectsMismatchedKeyPairs() {
        KeyPair a = Ed25519Keys.generate();
        KeyPair b = Ed25519Keys.generate();
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.of("n", new KeyPair(a.getPublic(), b.getPrivate())));
        assertEquals(NoteVerifier.of("n", a.getPublic()), NoteSigner.of("n", a).verifier());
    }

    @Test
    void publishesKeysAsJwk() {
        NoteVerifier peter = NoteVerifier.parse(PETER_VERIFIER_KEY);
        Jwk jwk = peter.jwk();
        assertEquals("OKP", jwk.kty());
        assertEquals("Ed25519", jwk.crv());
        assertEquals("c74f20a3", jwk.kid());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(peter.rawPublicKey()), jwk.x());
        assertEquals("GlzZ", jwk.x().substring(0, 4));
        assertEquals(Map.of("kty", "OKP", "crv", "Ed25519", "x", jwk.x(), "kid", "c74f20a3", "alg", "EdDSA", "use", "sig"),
                jwk.toMap());
        assertArrayEquals(peter.publicKey().getEncoded(), jwk.toPublicKey().getEncoded());

        assertThrows(IllegalArgumentException.class, () -> new Jwk("EC", "Ed25519", jwk.x(), null, null, null).toPublicKey());
        assertThrows(IllegalArgumentException.class, () -> new Jwk("OKP", "Ed448", jwk.x(), null, null, null).toPublicKey());
        assertThrows(IllegalArgumentException.class, () -> new Jwk("OKP", "Ed25519", jwk.x() + "=", null, null, null).toPublicKey());
        assertThrows(IllegalArgumentException.class, () -> new Jwk("OKP", "Ed25519", "AAAA", null, null, null).toPublicKey());
    }

    private static void assertRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse(key), key);
    }
}
