package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7517 JWK set of the checkpoint signing keys, each also as a C2SP note verifier key. */
@Schema(name = "KeySet")
public record KeySetView(List<KeyView> keys) {
    @Schema(name = "Key", description = "An Ed25519 public key (RFC 8037 OKP JWK) with its note verifier form")
    public record KeyView(
            @Schema(example = "OKP") String kty,
            @Schema(example = "Ed25519") String crv,
            @Schema(description = "Base64url public key") String x,
            @Schema(description = "Hex key id, as in the note signature", example = "3d9c6a1e") String kid,
            @Schema(example = "EdDSA") String alg,
            @Schema(example = "sig") String use,
            @Schema(description = "ACTIVE signs new checkpoints; RETIRED keys verify old ones", example = "ACTIVE")
            String status,
            @Schema(description = "C2SP note verifier key <name>+<hex key id>+<base64 key>",
                    example = "sightline.example/audit-log+3d9c6a1e+AX1ejPbT0zdYkNqJaD5SSNv1lhx2+1eo0HZyrF1xVkNV")
            String noteKey) {
    }
}
