package dev.sightline.portal.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.portal.services.Models.Key;
import dev.sightline.portal.services.Models.KeySet;
import dev.sightline.verifier.note.Jwk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Keys as a person compares them: each with its RFC 7638 thumbprint, as the offline verifier's --expect-key takes. */
final class Fingerprints {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Fingerprints() {
    }

    /** A key: its id, fingerprint, status (ACTIVE, RETIRED; empty where the service names none) and note key. */
    record KeyRow(String kid, String fingerprint, String status, String noteKey) {
    }

    static List<KeyRow> of(String jwkSet) {
        try {
            return JSON.readValue(jwkSet, KeySet.class).keys().stream().map(Fingerprints::row).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("A key set that is not JSON", e);
        }
    }

    private static KeyRow row(Key key) {
        String fingerprint = new Jwk(key.kty(), key.crv(), key.x(), key.kid(), key.alg(), key.use()).thumbprint();
        return new KeyRow(key.kid(), fingerprint, key.status() == null ? "" : key.status(),
                key.noteKey() == null ? "" : key.noteKey());
    }
}
