package dev.sightline.disclosure.disclosures.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the publisher attests when publishing: recorded in the report before it is signed. */
@Schema(name = "PublishRequest", example = """
        {"attestation": {"name": "Robert Brandt", "title": "Chief Privacy Officer, Larkspur Devices GmbH",
         "statement": "I attest that this disclosure is complete and accurate to the best of my knowledge, and that \
        the figures were produced from the access log as the methodology section describes."}}""")
public record PublishRequest(@Valid @NotNull Attestation attestation) {

    /** The publisher's name, title and statement ("I attest that ..."), in their own words. */
    @Schema(name = "PublisherAttestation")
    public record Attestation(
            @Schema(description = "The publisher's full name", example = "Robert Brandt")
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "Their title and organisation", example = "Chief Privacy Officer")
            @NotBlank @Size(max = 300) String title,
            @Schema(description = "What they attest, in their own words", example = "I attest that ...")
            @NotBlank @Size(max = 4000) String statement) {
    }
}
