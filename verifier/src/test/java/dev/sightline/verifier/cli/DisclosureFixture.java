package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.Ed25519Keys;
import dev.sightline.verifier.note.NoteSigner;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real pair of disclosures as the services publish them: an audit log of {@value #SIZE}
 * entries with checkpoints signed at sizes {@value #PREVIOUS_SIZE} and {@value #SIZE}, the
 * jurisdiction's first report (attesting size {@value #PREVIOUS_SIZE}) and the next one
 * (attesting size {@value #SIZE}, with the consistency proof between them), each signed with
 * a detached JWS, and the two key sets. Fresh keys on every construction.
 */
final class DisclosureFixture {

    static final String ORIGIN = "sightline.example/audit-log";
    static final String KID = "disclosure-2026-1";
    static final long PREVIOUS_SIZE = 13;
    static final long SIZE = 40;
    static final String PREVIOUS_ID = "0f3c6a52-7d1e-4a4b-9c11-1b2f6a8d0e01";
    static final String ID = "6b8e2f90-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    /** A figure that occurs once in the report, to change one digit of. */
    static final String FIGURE = "48213";

    /** Text on the PDF's page, to change one byte of. */
    static final String PDF_TEXT = "Transparency disclosure EU 2026-H1";
    static final Map<String, String> MEDIA_TYPES = Map.of("report.json", "application/json",
            "report.json.jws", "application/jose", "report.csv", "text/csv; charset=utf-8", "report.pdf", "application/pdf");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final NoteSigner logSigner = NoteSigner.generate(ORIGIN);
    final KeyPair reportKey = Ed25519Keys.generate();
    private final List<byte[]> leafHashes = new ArrayList<>();

    DisclosureFixture() {
        for (int i = 0; i < SIZE; i++) {
            String entry = "{\"action\":\"READ\",\"category\":\"LOCATION\",\"seq\":" + i + "}";
            leafHashes.add(Merkle.leafHash(entry.getBytes(StandardCharsets.UTF_8)));
        }
    }

    byte[] root(long size) {
        return Merkle.rootOf(leafHashes.subList(0, (int) size));
    }

    List<byte[]> consistencyProof(long from, long to) {
        return MerkleProofs.consistencyProof(from, to, (start, end) -> Merkle.rootOf(leafHashes.subList((int) start, (int) end)));
    }

    /** The signed checkpoint note at a size, by the log's key unless another signer is given. */
    String checkpointNote(long size, NoteSigner signer) {
        return new Checkpoint(ORIGIN, size, root(size)).sign(signer);
    }

    /** The jurisdiction's first disclosure: attests size {@value #PREVIOUS_SIZE}, {@code previous} null. */
    ObjectNode previousReport() {
        ObjectNode report = reportBody(PREVIOUS_ID, "2025-07-01T00:00:00Z", "2026-01-01T00:00:00Z", 1207);
        ObjectNode attestation = report.putObject("attestation");
        attestation.set("checkpoint", checkpoint(PREVIOUS_SIZE));
        attestation.putNull("previous");
        return report;
    }

    /** The next disclosure: attests size {@value #SIZE} and proves it extends the previous one. */
    ObjectNode report() {
        ObjectNode report = reportBody(ID, "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z", Long.parseLong(FIGURE));
        ObjectNode attestation = report.putObject("attestation");
        attestation.set("checkpoint", checkpoint(SIZE));
        ObjectNode previous = attestation.putObject("previous");
        previous.put("disclosureId", PREVIOUS_ID);
        previous.put("size", PREVIOUS_SIZE);
        previous.put("root", b64(root(PREVIOUS_SIZE)));
        ArrayNode proof = previous.putArray("consistencyProof");
        consistencyProof(PREVIOUS_SIZE, SIZE).forEach(hash -> proof.add(b64(hash)));
        return report;
    }

    private ObjectNode checkpoint(long size) {
        ObjectNode checkpoint = JSON.objectNode();
        checkpoint.put("size", size);
        checkpoint.put("root", b64(root(size)));
        checkpoint.put("note", checkpointNote(size, logSigner));
        return checkpoint;
    }

    private static ObjectNode reportBody(String id, String start, String end, long total) {
        ObjectNode report = JSON.objectNode();
        report.put("disclosureId", id);
        report.put("jurisdiction", "EU");
        report.put("periodStart", start);
        report.put("periodEnd", end);
        report.put("version", 1);
        report.putObject("template").put("id", "EU").put("version", "2026.1");
        report.put("ruleSet", "2026.1");
        ArrayNode partnerships = report.putArray("partnerships");
        partnerships.addObject().put("partner", "Example AI Ltd.").put("country", "CN").put("status", "ACTIVE");
        ObjectNode figures = report.putObject("figures");
        figures.put("totalAccesses", total);
        figures.putObject("byCategory").put("LOCATION", total - 1000).put("CONTACTS", 1000);
        return report;
    }

    /** The disclosure-service's key set: the report key as a JWK, with a member the verifier ignores. */
    String keysJson() {
        ObjectNode key = JSON.objectNode();
        key.put("kty", "OKP").put("crv", "Ed25519").put("x", b64url(Ed25519Keys.rawPublicKey(reportKey.getPublic())));
        key.put("kid", KID).put("alg", "EdDSA").put("use", "sig").put("status", "ACTIVE");
        return keySet(key);
    }

    /** The audit-service's key set: the note key as a JWK with its {@code noteKey}. */
    String logKeysJson() {
        ObjectNode key = JSON.objectNode();
        logSigner.verifier().jwk().toMap().forEach(key::put);
        key.put("status", "ACTIVE");
        key.put("noteKey", logSigner.verifier().encoded());
        return keySet(key);
    }

    private static String keySet(ObjectNode key) {
        ObjectNode set = JSON.objectNode();
        set.putArray("keys").add(key);
        return set.toPrettyString();
    }

    /** The files a regulator has: report.json (canonical bytes), report.json.jws, keys.json, log-keys.json, previous-report.json. */
    Written write(Path dir) throws IOException {
        return write(dir, report());
    }

    /** As {@link #write(Path)}, with {@code report} in place of the genuine one, correctly signed. */
    Written write(Path dir, ObjectNode report) throws IOException {
        Written files = new Written(dir.resolve("report.json"), dir.resolve("report.json.jws"), dir.resolve("keys.json"),
                dir.resolve("log-keys.json"), dir.resolve("previous-report.json"));
        byte[] canonical = CanonicalJson.canonicalize(report);
        Files.write(files.report(), canonical);
        Files.writeString(files.signature(), sign(canonical) + "\n");
        Files.writeString(files.keys(), keysJson());
        Files.writeString(files.logKeys(), logKeysJson());
        Files.write(files.previous(), CanonicalJson.canonicalize(previousReport()));
        return files;
    }

    String sign(byte[] canonical) {
        return DetachedJws.sign(canonical, reportKey.getPrivate(), KID);
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The report as the CSV is served: UTF-8 with a byte order mark, one line per figure. */
    byte[] csv() {
        String text = "\uFEFFdisclosureId,jurisdiction,metric,value\r\n" + ID + ",EU,totalAccesses," + FIGURE + "\r\n"
                + ID + ",EU,byCategory.CONTACTS,1000\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PDF as the disclosure-service serves it: one page and the attachments (embedded files) {@code report.json}
     * and {@code report.json.jws} with exactly the served bytes. Saved without compression, so a test can find
     * and change a byte of an attachment or of the page.
     */
    static byte[] pdf(Map<String, byte[]> attached) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page, AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText(PDF_TEXT);
                content.endText();
            }
            Map<String, PDComplexFileSpecification> files = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : attached.entrySet()) {
                PDEmbeddedFile embedded = new PDEmbeddedFile(document, new ByteArrayInputStream(file.getValue()));
                embedded.setSize(file.getValue().length);
                embedded.setSubtype(file.getKey().endsWith(".json") ? "application/json" : "application/jose");
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile(file.getKey());
                spec.setFileUnicode(file.getKey());
                spec.setEmbeddedFile(embedded);
                spec.setEmbeddedFileUnicode(embedded);
                files.put(file.getKey(), spec);
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(files);
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            document.getDocumentCatalog().setNames(names);
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    /** The disclosure's manifest in RFC 8785 form: each file with its media type, size and SHA-256. */
    static byte[] manifest(String digest, Map<String, byte[]> files) {
        ObjectNode manifest = JSON.objectNode();
        manifest.put("disclosureId", ID);
        manifest.put("digest", digest);
        ArrayNode list = manifest.putArray("files");
        files.forEach((name, bytes) -> list.addObject().put("name", name).put("mediaType", MEDIA_TYPES.get(name))
                .put("size", bytes.length).put("sha256", digest(bytes)));
        return CanonicalJson.canonicalize(manifest);
    }

    /** Every file the disclosure-service serves for the disclosure, written: report.json, .json.jws, .pdf, .csv, the manifest and its JWS. */
    Served writeServed(Path dir) throws IOException {
        Written base = write(dir);
        byte[] json = Files.readAllBytes(base.report());
        byte[] jws = Files.readAllBytes(base.signature());
        Map<String, byte[]> attached = new LinkedHashMap<>();
        attached.put("report.json", json);
        attached.put("report.json.jws", jws);
        byte[] pdf = pdf(attached);
        byte[] csv = csv();
        Map<String, byte[]> served = new LinkedHashMap<>(attached);
        served.put("report.csv", csv);
        served.put("report.pdf", pdf);
        byte[] manifest = manifest(digest(json), served);
        Served files = new Served(base, dir.resolve("report.pdf"), dir.resolve("report.csv"), dir.resolve("manifest.json"),
                dir.resolve("manifest.json.jws"));
        Files.write(files.pdf(), pdf);
        Files.write(files.csv(), csv);
        Files.write(files.manifest(), manifest);
        Files.writeString(files.manifestSignature(), sign(manifest));
        return files;
    }

    /** Every file of a disclosure, as {@link #writeServed(Path)} wrote them. */
    record Served(Written base, Path pdf, Path csv, Path manifest, Path manifestSignature) {

        String[] manifestArgs() {
            return new String[] {"--manifest", manifest.toString(), "--manifest-signature", manifestSignature.toString()};
        }
    }

    /** Where the inputs were written. */
    record Written(Path report, Path signature, Path keys, Path logKeys, Path previous) {

        /** The full command line, with {@code --previous}. */
        String[] args() {
            return new String[] {"--report", report.toString(), "--signature", signature.toString(),
                    "--keys", keys.toString(), "--log-keys", logKeys.toString(), "--previous", previous.toString()};
        }
    }
}
