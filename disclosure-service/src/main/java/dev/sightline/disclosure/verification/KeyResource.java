package dev.sightline.disclosure.verification;

import dev.sightline.verifier.note.Jwk;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/keys")
@Tag(name = "verification", description = "What an offline verifier needs: signing keys and the report schema")
public class KeyResource {
    private final SigningKey key;

    KeyResource(SigningKey key) {
        this.key = key;
    }

    /** An RFC 7517 JWK set of the report signing keys. */
    @Schema(name = "DisclosureKeySet", example = """
            {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
              "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "alg": "EdDSA", "use": "sig"}]}""")
    public record KeySet(List<Map<String, String>> keys) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that sign published reports (JWK set, Ed25519)",
            description = "Public. Each kid is the key's RFC 7638 thumbprint and appears in the JWS header.")
    @APIResponse(responseCode = "200", description = "The key set",
            content = @Content(schema = @Schema(implementation = KeySet.class)))
    public KeySet keys() {
        Jwk jwk = key.jwk();
        return new KeySet(List.of(jwk.toMap()));
    }
}
