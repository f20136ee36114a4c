package dev.sightline.disclosure.disclosures;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.reports.CsvRenderer;
import dev.sightline.disclosure.reports.PdfRenderer;
import dev.sightline.disclosure.reports.Report;
import dev.sightline.disclosure.reports.ReportFormat;
import dev.sightline.verifier.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The files of a disclosure besides report.json and its signature, rendered once when it is published and stored,
 * so every download of a published disclosure is byte for byte the same: the CSV, the PDF (carrying report.json and
 * report.json.jws as PDF/A-3 associated files), and the manifest, RFC 8785 canonical JSON listing name, media type,
 * size and SHA-256 of each of the four files as served, signed like report.json.
 */
record PublishedFiles(byte[] csv, byte[] pdf, byte[] manifest, String manifestSignature) {

    /**
     * @param standingNote what the PDF says of its standing: published as the current disclosure, and where the live
     *        standing is served
     * @param sign the disclosure signing key's detached JWS
     */
    static PublishedFiles render(Report report, byte[] json, String digest, String jws, String keyId,
            String standing, String standingNote, Function<byte[], String> sign) {
        byte[] csv = CsvRenderer.render(report, digest);
        byte[] signature = jws.getBytes(StandardCharsets.US_ASCII);
        byte[] pdf = PdfRenderer.render(report, new PdfRenderer.Meta("PUBLISHED", digest, keyId, standing,
                standingNote, List.of(
                        new PdfRenderer.Attachment("report.json", ReportFormat.JSON.mediaType(), "Source",
                                "The signed report (RFC 8785 canonical JSON); its SHA-256 is the digest", json),
                        new PdfRenderer.Attachment("report.json.jws", ReportFormat.JWS.mediaType(), "Supplement",
                                "Detached JWS (EdDSA) over report.json", signature))));
        byte[] manifest = manifest(report.disclosureId(), digest, json, signature, csv, pdf);
        return new PublishedFiles(csv, pdf, manifest, sign.apply(manifest));
    }

    /** The manifest's canonical bytes. */
    static byte[] manifest(UUID id, String digest, byte[] json, byte[] jws, byte[] csv, byte[] pdf) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("disclosureId", id.toString()).put("digest", digest);
        ArrayNode files = manifest.putArray("files");
        file(files, ReportFormat.JSON, json);
        file(files, ReportFormat.JWS, jws);
        file(files, ReportFormat.CSV, csv);
        file(files, ReportFormat.PDF, pdf);
        return CanonicalJson.canonicalize(manifest);
    }

    private static void file(ArrayNode files, ReportFormat format, byte[] bytes) {
        files.addObject().put("name", format.fileName()).put("mediaType", format.mediaType())
                .put("size", bytes.length).put("sha256", sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
