package dev.sightline.disclosure.reports;

import jakarta.ws.rs.core.MediaType;

/**
 * The forms a disclosure is downloaded in: the report as JSON, CSV or PDF, the detached signature over it, and the
 * signed manifest of them all.
 */
public enum ReportFormat {
    /** The canonical bytes the digest and the signature cover. */
    JSON(MediaType.APPLICATION_JSON, ".json"),
    /** RFC 4180, one row per figure. */
    CSV(ReportFormat.CSV_MEDIA_TYPE, ".csv"),
    /** The readable report. */
    PDF(ReportFormat.PDF_MEDIA_TYPE, ".pdf"),
    /** The compact detached JWS over report.json's bytes. */
    JWS(ReportFormat.JWS_MEDIA_TYPE, ".json.jws"),
    /** The SHA-256 of every file above, as served (canonical JSON). */
    MANIFEST(MediaType.APPLICATION_JSON, ".manifest.json"),
    /** The compact detached JWS over the manifest's bytes. */
    MANIFEST_JWS(ReportFormat.JWS_MEDIA_TYPE, ".manifest.json.jws");

    public static final String CSV_MEDIA_TYPE = "text/csv; charset=UTF-8; header=present";
    public static final String PDF_MEDIA_TYPE = "application/pdf";
    public static final String JWS_MEDIA_TYPE = "application/jose";

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file's name in a manifest and in the download path: {@code report.json}, {@code manifest.json.jws} ... */
    public String fileName() {
        return switch (this) {
            case MANIFEST -> "manifest.json";
            case MANIFEST_JWS -> "manifest.json.jws";
            default -> "report" + extension;
        };
    }

    /** What a file of this format ends with, dot included. */
    public String extension() {
        return extension;
    }
}
