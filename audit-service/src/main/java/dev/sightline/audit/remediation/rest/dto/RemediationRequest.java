package dev.sightline.audit.remediation.rest.dto;

import dev.sightline.audit.remediation.RemediationStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new revision of the remediation of one kind of violation in one partnership. */
@Schema(name = "RemediationRequest", example = """
        {"status": "IN_PROGRESS", "text": "The partner's gateway now routes voice requests to the on-device model \
        only; the cloud route is switched off from 2026-12-01."}""")
public record RemediationRequest(@NotNull RemediationStatus status,
        @Schema(description = "What was done or is planned. Free text: no NUL, no lone surrogates, no contact data "
                + "(e-mail addresses, phone numbers, IBANs): the record is never erased")
        @NotBlank @Size(min = 1, max = 4000) String text) {
}
