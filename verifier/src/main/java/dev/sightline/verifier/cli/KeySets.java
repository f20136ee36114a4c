package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.verifier.note.Ed25519Keys;
import dev.sightline.verifier.note.Jwk;
import dev.sightline.verifier.note.NoteVerifier;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The two RFC 7517 JWK sets the verifier reads ({@code {"keys": [...]}}): the
 * disclosure-service's report signing keys, looked up by {@code kid}, and the audit-service's
 * checkpoint keys, each of which also carries its C2SP note verifier key in {@code noteKey}.
 * Members the verifier does not use ({@code status}, ...) are ignored.
 */
final class KeySets {

    private KeySets() {
    }

    /** The note verifier keys of an audit-service key set, and why the others were left out. */
    record NoteKeys(List<NoteVerifier> verifiers, List<String> unusable) {
    }

    /**
     * The Ed25519 key with {@code kid} in a disclosure-service key set.
     *
     * @throws CheckFailure naming the key set when there is no such key, more than one, or it is malformed
     */
    static PublicKey signingKey(Input keySet, String kid) throws CheckFailure {
        List<JsonNode> keys = keys(keySet);
        List<JsonNode> matches = new ArrayList<>();
        List<String> kids = new ArrayList<>();
        for (JsonNode key : keys) {
            kids.add(key.has("kid") ? key.get("kid").toString() : "a key without kid");
            if (kid.equals(key.path("kid").textValue())) {
                matches.add(key);
            }
        }
        if (matches.isEmpty()) {
            throw new CheckFailure("no key with kid \"" + kid + "\" in " + keySet.name()
                    + (kids.isEmpty() ? ", which has no keys" : " (it has " + String.join(", ", kids) + ")"));
        }
        if (matches.size() > 1) {
            throw new CheckFailure(keySet.name() + " has " + matches.size() + " keys with kid \"" + kid + "\"");
        }
        JsonNode key = matches.get(0);
        String prefix = "key \"" + kid + "\" of " + keySet.name() + " ";
        String alg = key.path("alg").textValue();
        String use = key.path("use").textValue();
        if (key.has("alg") && !"EdDSA".equals(alg)) {
            throw new CheckFailure(prefix + "is not for EdDSA (alg " + key.get("alg") + ")");
        }
        if (key.has("use") && !"sig".equals(use)) {
            throw new CheckFailure(prefix + "is not for signatures (use " + key.get("use") + ")");
        }
        try {
            return new Jwk(key.path("kty").textValue(), key.path("crv").textValue(), key.path("x").textValue(),
                    kid, alg, use).toPublicKey();
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(prefix + "is malformed: " + e.getMessage());
        }
    }

    /**
     * The note verifier keys ({@code noteKey}) of an audit-service key set. A key without a
     * valid {@code noteKey}, or whose {@code x} is a different key, is left out and listed in
     * {@link NoteKeys#unusable()} so a failure to open a note can say why.
     *
     * @throws CheckFailure naming the key set when it is not a JWK set
     */
    static NoteKeys noteKeys(Input keySet) throws CheckFailure {
        List<NoteVerifier> verifiers = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        List<JsonNode> keys = keys(keySet);
        for (int i = 0; i < keys.size(); i++) {
            JsonNode key = keys.get(i);
            String label = "keys[" + i + "]" + (key.path("kid").isTextual() ? " (kid " + key.get("kid").textValue() + ")" : "");
            JsonNode noteKey = key.get("noteKey");
            if (noteKey == null || !noteKey.isTextual()) {
                unusable.add(label + " has no noteKey string");
                continue;
            }
            NoteVerifier verifier;
            try {
                verifier = NoteVerifier.parse(noteKey.textValue());
            } catch (IllegalArgumentException e) {
                unusable.add(label + ": noteKey is malformed: " + e.getMessage());
                continue;
            }
            JsonNode x = key.get("x");
            if (x != null && !Arrays.equals(decodeBase64Url(x), verifier.rawPublicKey())) {
                unusable.add(label + ": x and noteKey are different keys");
                continue;
            }
            verifiers.add(verifier);
        }
        return new NoteKeys(verifiers, unusable);
    }

    private static List<JsonNode> keys(Input keySet) throws CheckFailure {
        JsonFields fields = JsonFields.parseObject(keySet);
        JsonNode keys = fields.require("keys");
        if (!keys.isArray()) {
            throw fields.failure("keys must be an array of JWKs, found " + JsonFields.describe(keys));
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).isObject()) {
                throw fields.failure("keys[" + i + "] must be a JWK object, found " + JsonFields.describe(keys.get(i)));
            }
            list.add(keys.get(i));
        }
        return list;
    }

    private static byte[] decodeBase64Url(JsonNode x) {
        try {
            byte[] raw = x.isTextual() ? Base64.getUrlDecoder().decode(x.textValue()) : null;
            return raw != null && raw.length == Ed25519Keys.KEY_SIZE ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
