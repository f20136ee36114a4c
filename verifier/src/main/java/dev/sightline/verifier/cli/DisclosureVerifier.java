package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.jws.JwsException;
import dev.sightline.verifier.merkle.InvalidProofException;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.Jwk;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteSignature;
import dev.sightline.verifier.note.NoteVerifier;
import dev.sightline.verifier.note.SignedNote;

import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of the offline verifier, run over inputs already read. First a plain-language summary: what was
 * published and by whom, as the report states it, what the checks prove when they pass and what they cannot. Then
 * the checks, in this order:
 * <ol>
 *   <li>{@code pdf} (for a PDF): it holds the attachments {@code report.json} and {@code report.json.jws}, which
 *       stand for the report and, unless one is given, its signature;</li>
 *   <li>{@code report}: the report is a JSON object; its digest is the lowercase hex SHA-256
 *       of its RFC 8785 canonical bytes ({@code digest}: equal to the expected one, if given);</li>
 *   <li>{@code signature}: the detached JWS verifies over those bytes with the key of its
 *       {@code kid} in the disclosure-service's key set;</li>
 *   <li>{@code checkpoint}: {@code attestation.checkpoint.note} is signed by a note key of the
 *       audit-service's key set, and states the {@code size} and {@code root} next to it;</li>
 *   <li>{@code consistency}: the proof in {@code attestation.previous} leads from the previous
 *       disclosure's tree head to this one (nothing to check for a jurisdiction's first);</li>
 *   <li>{@code previous report} (when given): it is the disclosure that
 *       {@code attestation.previous} names, with the same jurisdiction and tree head;</li>
 *   <li>{@code manifest} (when given): its detached JWS verifies over its canonical bytes with a key of the
 *       disclosure-service's key set; {@code manifest digest}: it names the report's disclosure and digest;
 *       {@code file <name>}: each file given (and each attachment of a PDF) has the size and SHA-256 the manifest
 *       lists under its name;</li>
 *   <li>{@code keys}: the fingerprint (RFC 7638 thumbprint) of every key that verified something, each among
 *       {@code --expect-key} when any is given.</li>
 * </ol>
 * Each check prints one line and a failed check does not stop the independent ones after it.
 * Only checks that cannot run without the report are skipped when it does not parse. Members
 * are read from the report's canonical form, i.e. from exactly the bytes that were signed. One
 * instance verifies once.
 */
final class DisclosureVerifier {

    /** Exit code when every check passed. */
    static final int VERIFIED = 0;
    /** Exit code when at least one check failed. */
    static final int NOT_VERIFIED = 1;

    private static final String CHECKPOINT = "attestation.checkpoint";
    private static final String PREVIOUS = "attestation.previous";
    /** Where a report may carry its publisher's attestation ({@code name}, {@code title}, {@code statement}). */
    private static final List<String> PUBLISHER_ATTESTATION = List.of("publication.attestation", "attestation.publisher");

    /**
     * What the verifier reads. At least one of {@code json}, {@code pdf} and {@code csv}; a CSV only with a
     * manifest. {@code signature} is required with {@code json} (a PDF carries its own), {@code logKeys} with a
     * report. The others may be left out.
     */
    static final class Inputs {
        Input json;
        Input pdf;
        Input csv;
        Input signature;
        Input keys;
        Input logKeys;
        Input previous;
        Input manifest;
        Input manifestSignature;
        String expectedDigest;
        Set<String> expectedKeys = Set.of();

        Inputs json(Input json) {
            this.json = json;
            return this;
        }

        Inputs pdf(Input pdf) {
            this.pdf = pdf;
            return this;
        }

        Inputs csv(Input csv) {
            this.csv = csv;
            return this;
        }

        Inputs signature(Input signature) {
            this.signature = signature;
            return this;
        }

        Inputs keys(Input keys) {
            this.keys = keys;
            return this;
        }

        Inputs logKeys(Input logKeys) {
            this.logKeys = logKeys;
            return this;
        }

        Inputs previous(Input previous) {
            this.previous = previous;
            return this;
        }

        Inputs manifest(Input manifest, Input manifestSignature) {
            this.manifest = manifest;
            this.manifestSignature = manifestSignature;
            return this;
        }

        Inputs expectedDigest(String expectedDigest) {
            this.expectedDigest = expectedDigest;
            return this;
        }

        Inputs expectedKeys(Set<String> expectedKeys) {
            this.expectedKeys = Set.copyOf(expectedKeys);
            return this;
        }

        boolean hasReport() {
            return json != null || pdf != null;
        }
    }

    /** A tree size with its root, as a checkpoint states it. */
    private record TreeHead(long size, byte[] root) {

        String describe() {
            return "size " + size + ", root " + Base64.getEncoder().encodeToString(root);
        }
    }

    private final Inputs in;
    private final PrintStream out;
    private int failed;
    private int skipped;

    /** The report (the JSON given, or the one attached to the PDF) and its signature, once known. */
    private Input report;
    private Input signature;
    private Map<String, byte[]> attachments;
    private String pdfFailure;

    // What the passed checks established, for the verdict line.
    private String signingKid;
    private TreeHead checkpoint;
    private String consistencySummary;
    private Manifest manifest;
    /** Every key that verified something: its fingerprint, and what it verified. */
    private final Map<String, List<String>> usedKeys = new LinkedHashMap<>();
    private SignedNote attestedNote;
    private WitnessCheck witnesses;

    DisclosureVerifier(Inputs inputs, PrintStream out) {
        this.in = Objects.requireNonNull(inputs, "inputs");
        this.out = Objects.requireNonNull(out, "out");
        Objects.requireNonNull(inputs.keys, "keys");
    }

    /** Also checks the witnesses' cosignatures of the attested checkpoint ({@code null}: no such check). */
    DisclosureVerifier withWitnesses(WitnessCheck check) {
        this.witnesses = check;
        return this;
    }

    /** Runs every check, printing one line each and a summary; returns {@link #VERIFIED} or {@link #NOT_VERIFIED}. */
    int verify() {
        report = in.json;
        signature = in.signature;
        if (in.pdf != null) {
            readPdf();
        }
        JsonFields parsed = null;
        CheckFailure unusable = null;
        if (report != null) {
            try {
                parsed = JsonFields.parseCanonical(report);
            } catch (CheckFailure e) {
                unusable = e;
            }
        }
        Manifest listed = readManifest();
        out.println("Report       " + describeFiles());
        if (parsed != null) {
            printHeader(parsed);
        } else {
            out.println();
        }
        printSummary(parsed, listed);

        if (in.pdf != null) {
            if (pdfFailure == null) {
                ok("pdf", in.pdf.name() + " is a PDF with " + FileKind.JSON.manifestName() + " ("
                        + attachments.get(FileKind.JSON.manifestName()).length + " bytes) and " + FileKind.SIGNATURE
                        + " attached");
            } else {
                fail("pdf", pdfFailure);
            }
        }
        String digest = null;
        if (in.hasReport()) {
            if (parsed == null) {
                reportUnusable(unusable == null ? null : unusable.getMessage());
            } else {
                digest = checkReport(parsed);
            }
        }
        if (in.manifest != null) {
            checkManifest(listed, parsed, digest);
        }
        checkKeys();
        return summary(parsed, digest);
    }

    /** Takes the report and, unless one was given, its signature from the PDF's attachments. */
    private void readPdf() {
        try {
            attachments = PdfAttachments.read(in.pdf);
            for (String name : List.of(FileKind.JSON.manifestName(), FileKind.SIGNATURE)) {
                if (!attachments.containsKey(name)) {
                    throw new CheckFailure(in.pdf.name() + " has no attachment named " + name + (attachments.isEmpty()
                            ? " (it has no attachments)" : " (it has " + String.join(", ", attachments.keySet()) + ")"));
                }
            }
            report = new Input(FileKind.JSON.manifestName() + " attached to " + in.pdf.name(),
                    attachments.get(FileKind.JSON.manifestName()));
            if (signature == null) {
                signature = new Input(FileKind.SIGNATURE + " attached to " + in.pdf.name(),
                        attachments.get(FileKind.SIGNATURE));
            }
        } catch (CheckFailure e) {
            pdfFailure = e.getMessage();
        }
    }

    private Manifest readManifest() {
        if (in.manifest == null) {
            return null;
        }
        try {
            return Manifest.parse(in.manifest);
        } catch (CheckFailure e) {
            return null;
        }
    }

    private String describeFiles() {
        List<String> files = new ArrayList<>();
        if (in.json != null) {
            files.add(in.json.name());
        }
        if (in.pdf != null) {
            files.add(in.pdf.name() + " (PDF)");
        }
        if (in.csv != null) {
            files.add(in.csv.name() + " (CSV)");
        }
        return String.join(", ", files);
    }

    private String checkReport(JsonFields parsed) {
        byte[] canonical = parsed.canonical();
        String digest = HexFormat.of().formatHex(sha256(canonical));
        ok("report", report.name() + " is JSON; digest (SHA-256 of its RFC 8785 form) " + digest);
        if (in.expectedDigest != null) {
            if (digest.equals(in.expectedDigest)) {
                ok("digest", "equals --digest");
            } else {
                fail("digest", report.name() + " has digest " + digest + ", but --digest expects " + in.expectedDigest);
            }
        }
        checkSignature(canonical);
        TreeHead attested = checkCheckpoint(parsed);
        checkWitnesses();
        checkConsistency(parsed, attested);
        if (in.previous != null) {
            checkPreviousReport(parsed);
        }
        return digest;
    }

    private void reportUnusable(String reason) {
        String needs = in.pdf != null && pdfFailure != null ? "needs the report attached to " + in.pdf.name()
                : "needs the report";
        if (reason != null) {
            fail("report", reason);
        } else {
            skip("report", needs);
        }
        skip("signature", needs);
        skip("checkpoint", needs);
        if (witnesses != null) {
            skip("witnesses", needs);
        }
        skip("consistency", needs);
        if (in.previous != null) {
            skip("previous report", needs);
        }
    }

    private void printHeader(JsonFields report) {
        out.println("Disclosure   " + report.display("disclosureId"));
        out.println("Jurisdiction " + report.display("jurisdiction"));
        out.println("Period       " + report.display("periodStart") + " to " + report.display("periodEnd"));
        out.println("Version      " + report.display("version") + " (template " + report.display("template.id")
                + " " + report.display("template.version") + ", rule set " + report.display("ruleSet") + ")");
        out.println();
    }

    // ---- the plain-language summary ---------------------------------------------------------

    private void printSummary(JsonFields report, Manifest listed) {
        out.println("What was published");
        if (report != null) {
            out.println("  The " + report.display("jurisdiction") + " transparency disclosure "
                    + report.display("disclosureId") + " (version " + report.display("version") + ") for "
                    + report.display("periodStart") + " to " + report.display("periodEnd") + ".");
            out.println("  Status, as the report states it: " + status(report) + ".");
            out.println("  " + publisher(report));
        } else if (listed != null && in.csv != null) {
            out.println("  " + in.csv.name() + ": the CSV of disclosure " + listed.disclosureId()
                    + ", as its manifest lists it (the report itself was not given, so its content is not shown).");
        } else if (in.csv != null && !in.hasReport()) {
            out.println("  Unknown: " + in.csv.name() + " is a CSV whose manifest cannot be read (see the checks below).");
        } else {
            out.println("  Unknown: the report cannot be read (see the checks below).");
        }
        out.println("What the checks below prove, when they all pass");
        Input signed = report != null ? signature : in.manifestSignature;
        String key = signed == null ? "the disclosure key" : describeSigningKey(signed);
        if (report != null) {
            out.println("  - These report bytes (their RFC 8785 form) were signed by the holder of " + key + ".");
            JsonNode previous = report.find(PREVIOUS);
            String log = "  - The figures were taken at audit-log checkpoint " + report.display(CHECKPOINT + ".size")
                    + ", signed by a key of the audit log";
            if (previous != null && previous.isObject()) {
                log += ", and that log extends the one at checkpoint " + report.display(PREVIOUS + ".size")
                        + " which the previous disclosure " + report.display(PREVIOUS + ".disclosureId") + " cited.";
            } else {
                log += "; this is the jurisdiction's first disclosure, so there is no earlier checkpoint to be "
                        + "consistent with.";
            }
            out.println(log);
        }
        if (in.manifest != null) {
            out.println("  - The files checked against the manifest are, byte for byte, those whose list "
                    + (report != null ? "the same key" : key) + " signed.");
        }
        out.println("What they do not prove");
        out.println("  - That the figures are true or complete: they count what the company's own systems recorded "
                + "in the audit log.");
        if (in.expectedKeys.isEmpty()) {
            out.println("  - That a key belongs to whom you think: compare the fingerprints on the keys line below "
                    + "with ones you obtained another way, or give them with --expect-key.");
        } else {
            out.println("  - Who holds a key: --expect-key shows only that the keys used are the ones you expected.");
        }
        out.println();
    }

    /** The key a JWS names, with its fingerprint when the key set has it; for the summary only. */
    private String describeSigningKey(Input jws) {
        try {
            String kid = DetachedJws.decodeHeader(jws.text().strip()).kid();
            try {
                return "the disclosure key \"" + kid + "\" (fingerprint " + Jwk.thumbprint(KeySets.signingKey(in.keys, kid))
                        + ")";
            } catch (CheckFailure e) {
                return "the disclosure key \"" + kid + "\"";
            }
        } catch (CheckFailure | JwsException e) {
            return "the disclosure key";
        }
    }

    private static String status(JsonFields report) {
        JsonNode status = report.find("status");
        JsonNode publication = report.find("publication");
        String stated;
        if (status != null && status.isTextual()) {
            stated = status.textValue();
        } else if (publication != null && publication.isObject()) {
            stated = "PUBLISHED";
        } else {
            stated = "DRAFT";
        }
        if (publication != null && publication.isObject()) {
            stated += " (published " + report.display("publication.publishedAt") + " by "
                    + report.display("publication.publishedBy") + ")";
        } else {
            stated += " (the report names no publication)";
        }
        JsonNode supersedes = report.find("supersedes");
        if (supersedes != null && supersedes.isTextual()) {
            stated += ", superseding disclosure " + supersedes.textValue();
        }
        return stated;
    }

    private static String publisher(JsonFields report) {
        for (String path : PUBLISHER_ATTESTATION) {
            JsonNode attestation = report.find(path);
            if (attestation != null && attestation.isObject() && attestation.path("name").isTextual()) {
                String by = "Attested by " + attestation.get("name").textValue()
                        + (attestation.path("title").isTextual() ? ", " + attestation.get("title").textValue() : "");
                return attestation.path("statement").isTextual()
                        ? by + ": \"" + attestation.get("statement").textValue() + "\""
                        : by + ".";
            }
        }
        return "The report carries no attestation naming its publisher.";
    }

    // ---- the checks ---------------------------------------------------------------------------

    private void checkSignature(byte[] canonical) {
        Input jws = signature;
        DetachedJws.Header header;
        String compact;
        try {
            // A trailing newline is how files end; a compact JWS itself has no whitespace.
            compact = jws.text().strip();
            header = DetachedJws.decodeHeader(compact);
        } catch (CheckFailure e) {
            fail("signature", e.getMessage());
            return;
        } catch (JwsException e) {
            fail("signature", jws.name() + ": " + e.getMessage());
            return;
        }
        PublicKey key;
        try {
            key = KeySets.signingKey(in.keys, header.kid());
        } catch (CheckFailure e) {
            fail("signature", e.getMessage());
            return;
        }
        try {
            DetachedJws.verify(compact, canonical, Map.of(header.kid(), key));
            signingKid = header.kid();
            used(key, "the disclosure key \"" + header.kid() + "\" of " + in.keys.name());
            ok("signature", jws.name() + ": EdDSA by key \"" + header.kid() + "\" of " + in.keys.name());
        } catch (JwsException e) {
            fail("signature", switch (e.reason()) {
                case INVALID_KEY -> "key \"" + header.kid() + "\" of " + in.keys.name() + " is not a valid Ed25519 public key";
                case INVALID_SIGNATURE -> jws.name() + " does not verify over the canonical form of "
                        + report.name() + " with key \"" + header.kid() + "\" of " + in.keys.name();
                default -> jws.name() + ": " + e.getMessage();
            });
        }
    }

    /** Checks the attested checkpoint; returns the tree head the report states, or {@code null} when unreadable. */
    private TreeHead checkCheckpoint(JsonFields report) {
        TreeHead attested;
        String note;
        try {
            attested = new TreeHead(report.requireSize(CHECKPOINT + ".size"), report.requireHash(CHECKPOINT + ".root"));
            note = report.requireText(CHECKPOINT + ".note");
        } catch (CheckFailure e) {
            fail("checkpoint", e.getMessage());
            return null;
        }
        String noteName = CHECKPOINT + ".note of " + this.report.name();
        try {
            KeySets.NoteKeys keys = KeySets.noteKeys(in.logKeys);
            String unusable = keys.unusable().isEmpty() ? ""
                    : " (left out of " + in.logKeys.name() + ": " + String.join("; ", keys.unusable()) + ")";
            if (keys.verifiers().isEmpty()) {
                throw new CheckFailure(in.logKeys.name() + " has no usable note key" + unusable);
            }
            SignedNote opened;
            try {
                opened = SignedNote.open(note, keys.verifiers());
            } catch (NoteException e) {
                throw new CheckFailure(switch (e.reason()) {
                    case NO_KNOWN_SIGNATURE -> noteName + " has no signature by a key of " + in.logKeys.name() + unusable;
                    case INVALID_SIGNATURE -> noteName + " does not verify with the keys of " + in.logKeys.name()
                            + ": " + e.getMessage();
                    default -> noteName + ": " + e.getMessage();
                });
            } catch (IllegalArgumentException e) {
                throw new CheckFailure("a note key of " + in.logKeys.name() + " is not a valid Ed25519 public key");
            }
            Checkpoint signed;
            try {
                signed = Checkpoint.parse(opened.text());
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(noteName + " is not a checkpoint: " + e.getMessage());
            }
            List<String> mismatches = new ArrayList<>();
            if (signed.size() != attested.size()) {
                mismatches.add("the signed note says size " + signed.size() + ", " + CHECKPOINT + ".size says " + attested.size());
            }
            if (!Arrays.equals(signed.rootHash(), attested.root())) {
                mismatches.add("the signed note says root " + signed.rootHashBase64() + ", " + CHECKPOINT + ".root says "
                        + Base64.getEncoder().encodeToString(attested.root()));
            }
            if (!mismatches.isEmpty()) {
                throw new CheckFailure(this.report.name() + ": " + String.join("; ", mismatches));
            }
            String signers = opened.verified().stream().map(s -> s.name() + "+" + s.keyIdHex())
                    .collect(Collectors.joining(", "));
            for (NoteSignature s : opened.verified()) {
                keys.verifiers().stream().filter(v -> v.name().equals(s.name()) && v.keyId() == s.keyId()).findFirst()
                        .map(NoteVerifier::publicKey)
                        .ifPresent(k -> used(k, "the log key " + s.name() + "+" + s.keyIdHex() + " of " + in.logKeys.name()));
            }
            checkpoint = attested;
            attestedNote = opened;
            ok("checkpoint", "log " + signed.origin() + " at " + attested.describe() + ", signed by " + signers
                    + " of " + in.logKeys.name());
        } catch (CheckFailure e) {
            fail("checkpoint", e.getMessage());
        }
        return attested;
    }

    private void checkWitnesses() {
        if (witnesses == null) {
            return;
        }
        if (attestedNote == null) {
            skip("witnesses", "needs a checkpoint signed by the log");
            return;
        }
        WitnessCheck.Outcome outcome = witnesses.check(attestedNote);
        if (outcome.passed()) {
            ok("witnesses", outcome.describe());
        } else {
            fail("witnesses", CHECKPOINT + ".note of " + report.name() + " carries " + outcome.describe());
        }
    }

    private void checkConsistency(JsonFields report, TreeHead attested) {
        JsonNode previous = report.find(PREVIOUS);
        if (previous == null) {
            fail("consistency", this.report.name() + ": " + PREVIOUS + " is missing (null for a jurisdiction's first disclosure)");
            return;
        }
        if (previous.isNull()) {
            consistencySummary = "the first disclosure of " + report.display("jurisdiction");
            ok("consistency", "first disclosure of " + report.display("jurisdiction") + ": no previous checkpoint, nothing to check");
            return;
        }
        if (attested == null) {
            skip("consistency", "needs a readable " + CHECKPOINT);
            return;
        }
        try {
            String previousId = report.requireText(PREVIOUS + ".disclosureId");
            TreeHead from = new TreeHead(report.requireSize(PREVIOUS + ".size"), report.requireHash(PREVIOUS + ".root"));
            List<byte[]> proof = report.requireHashes(PREVIOUS + ".consistencyProof");
            try {
                MerkleVerifier.verifyConsistency(from.size(), attested.size(), from.root(), attested.root(), proof);
            } catch (InvalidProofException e) {
                throw new CheckFailure(this.report.name() + ": " + PREVIOUS + ".consistencyProof does not lead from size "
                        + from.size() + " to size " + attested.size() + ": " + e.getMessage());
            }
            consistencySummary = "an extension of the log at disclosure " + previousId + " (size " + from.size() + ")";
            ok("consistency", "the log at size " + attested.size() + " extends the one at size " + from.size()
                    + " attested by disclosure " + previousId + " (proof of " + proof.size() + " hashes)");
        } catch (CheckFailure e) {
            fail("consistency", e.getMessage());
        }
    }

    private void checkPreviousReport(JsonFields report) {
        String name = in.previous.name();
        String reportName = this.report.name();
        try {
            JsonFields previous = JsonFields.parseCanonical(in.previous);
            JsonNode named = report.find(PREVIOUS);
            if (named == null || !named.isObject()) {
                throw new CheckFailure(reportName + " names no previous disclosure (" + PREVIOUS + " is "
                        + (named == null ? "missing" : named) + "), but --previous " + name + " was given");
            }
            List<String> mismatches = new ArrayList<>();
            String id = previous.requireText("disclosureId");
            String expectedId = report.requireText(PREVIOUS + ".disclosureId");
            if (!id.equals(expectedId)) {
                mismatches.add("it is disclosure " + id + ", but " + PREVIOUS + ".disclosureId of "
                        + reportName + " is " + expectedId);
            }
            JsonNode jurisdiction = previous.require("jurisdiction");
            if (!jurisdiction.equals(report.find("jurisdiction"))) {
                mismatches.add("its jurisdiction is " + previous.display("jurisdiction") + ", not "
                        + report.display("jurisdiction"));
            }
            TreeHead stated = new TreeHead(previous.requireSize(CHECKPOINT + ".size"), previous.requireHash(CHECKPOINT + ".root"));
            TreeHead expected = new TreeHead(report.requireSize(PREVIOUS + ".size"), report.requireHash(PREVIOUS + ".root"));
            if (stated.size() != expected.size()) {
                mismatches.add("its " + CHECKPOINT + ".size is " + stated.size() + ", but " + PREVIOUS + ".size of "
                        + reportName + " is " + expected.size());
            }
            if (!Arrays.equals(stated.root(), expected.root())) {
                mismatches.add("its " + CHECKPOINT + ".root is " + Base64.getEncoder().encodeToString(stated.root())
                        + ", but " + PREVIOUS + ".root of " + reportName + " is "
                        + Base64.getEncoder().encodeToString(expected.root()));
            }
            if (!mismatches.isEmpty()) {
                throw new CheckFailure(name + ": " + String.join("; ", mismatches));
            }
            ok("previous report", name + " is disclosure " + id + " (" + previous.display("jurisdiction")
                    + ", version " + previous.display("version") + ") at " + stated.describe());
        } catch (CheckFailure e) {
            fail("previous report", e.getMessage());
        }
    }

    // ---- the manifest ---------------------------------------------------------------------------

    private void checkManifest(Manifest listed, JsonFields parsed, String digest) {
        String name = in.manifest.name();
        if (listed == null) {
            try {
                Manifest.parse(in.manifest);
            } catch (CheckFailure e) {
                fail("manifest", e.getMessage());
            }
            skip("files", "need a readable manifest");
            return;
        }
        manifest = listed;
        checkManifestSignature(listed);
        if (parsed != null && digest != null) {
            List<String> mismatches = new ArrayList<>();
            String id = parsed.display("disclosureId");
            if (!listed.disclosureId().equals(id)) {
                mismatches.add("it names disclosure " + listed.disclosureId() + ", the report is disclosure " + id);
            }
            if (!listed.digest().equals(digest)) {
                mismatches.add("its digest is " + listed.digest() + ", the report's is " + digest);
            }
            if (mismatches.isEmpty()) {
                ok("manifest digest", name + " names disclosure " + id + " with the report's digest " + digest);
            } else {
                fail("manifest digest", name + " is not the manifest of " + report.name() + ": "
                        + String.join("; ", mismatches));
            }
        }
        if (in.json != null) {
            checkFile(listed, FileKind.JSON.manifestName(), in.json.name(), in.json.bytes());
        }
        if (in.pdf != null) {
            checkFile(listed, FileKind.PDF.manifestName(), in.pdf.name(), in.pdf.bytes());
            if (attachments != null) {
                for (String attached : List.of(FileKind.JSON.manifestName(), FileKind.SIGNATURE)) {
                    if (attachments.containsKey(attached)) {
                        checkFile(listed, attached, attached + " attached to " + in.pdf.name(), attachments.get(attached));
                    }
                }
            }
        }
        if (in.signature != null) {
            checkFile(listed, FileKind.SIGNATURE, in.signature.name(), in.signature.bytes());
        }
        if (in.csv != null) {
            checkFile(listed, FileKind.CSV.manifestName(), in.csv.name(), in.csv.bytes());
        }
    }

    private void checkManifestSignature(Manifest listed) {
        Input jws = in.manifestSignature;
        String compact;
        DetachedJws.Header header;
        try {
            compact = jws.text().strip();
            header = DetachedJws.decodeHeader(compact);
            PublicKey key = KeySets.signingKey(in.keys, header.kid());
            DetachedJws.verify(compact, listed.fields().canonical(), Map.of(header.kid(), key));
            used(key, "the disclosure key \"" + header.kid() + "\" of " + in.keys.name());
            if (signingKid == null) {
                signingKid = header.kid();
            }
            ok("manifest", in.manifest.name() + " lists " + listed.files().size() + " files of disclosure "
                    + listed.disclosureId() + "; " + jws.name() + ": EdDSA by key \"" + header.kid() + "\" of "
                    + in.keys.name());
        } catch (CheckFailure e) {
            fail("manifest", e.getMessage());
        } catch (JwsException e) {
            fail("manifest", e.reason() == JwsException.Reason.INVALID_SIGNATURE
                    ? jws.name() + " does not verify over the canonical form of " + in.manifest.name()
                            + " with the key its header names in " + in.keys.name()
                    : jws.name() + ": " + e.getMessage());
        }
    }

    private void checkFile(Manifest listed, String entryName, String label, byte[] bytes) {
        String check = "file " + entryName;
        Manifest.Entry entry = listed.files().get(entryName);
        if (entry == null) {
            fail(check, in.manifest.name() + " lists no " + entryName + " (it lists "
                    + String.join(", ", listed.files().keySet()) + ")");
            return;
        }
        String sha256 = HexFormat.of().formatHex(sha256(bytes));
        if (sha256.equals(entry.sha256()) && bytes.length == entry.size()) {
            ok(check, label + ": " + bytes.length + " bytes, SHA-256 " + sha256 + " (" + entry.mediaType()
                    + "), as " + in.manifest.name() + " lists");
        } else {
            fail(check, label + " has " + bytes.length + " bytes and SHA-256 " + sha256 + ", but "
                    + in.manifest.name() + " lists " + entry.size() + " bytes and SHA-256 " + entry.sha256()
                    + " for " + entryName);
        }
    }

    // ---- keys -----------------------------------------------------------------------------------

    private void used(PublicKey key, String what) {
        List<String> roles = usedKeys.computeIfAbsent(Jwk.thumbprint(key), k -> new ArrayList<>());
        if (!roles.contains(what)) {
            roles.add(what);
        }
    }

    private void checkKeys() {
        if (usedKeys.isEmpty()) {
            return;
        }
        List<String> described = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        usedKeys.forEach((fingerprint, roles) -> {
            String who = String.join(" and ", roles);
            described.add(who + ": fingerprint " + fingerprint);
            if (!in.expectedKeys.isEmpty() && !in.expectedKeys.contains(fingerprint)) {
                unexpected.add(who + " has fingerprint " + fingerprint + ", which is not among --expect-key");
            }
        });
        if (in.expectedKeys.isEmpty()) {
            out.println("  info keys: " + String.join("; ", described) + " (not compared: no --expect-key given)");
        } else if (unexpected.isEmpty()) {
            ok("keys", String.join("; ", described) + "; each is among --expect-key");
        } else {
            fail("keys", String.join("; ", unexpected));
        }
    }

    // ---- the verdict ----------------------------------------------------------------------------

    private int summary(JsonFields report, String digest) {
        out.println();
        if (failed > 0 || skipped > 0) {
            out.println("NOT verified: " + failed + " check(s) failed" + (skipped > 0 ? ", " + skipped + " not run" : ""));
            return NOT_VERIFIED;
        }
        String files = manifest == null ? "" : "; the manifest signed by the same key lists "
                + String.join(", ", manifest.files().keySet()) + ", and the files given match it";
        if (report == null) {
            out.println("verified: " + in.csv.name() + " is the " + FileKind.CSV.manifestName() + " of disclosure "
                    + manifest.disclosureId() + " (digest " + manifest.digest() + ") in the manifest signed by key \""
                    + signingKid + "\"");
            return VERIFIED;
        }
        out.println("verified: disclosure " + report.display("disclosureId") + " (" + report.display("jurisdiction")
                + ", version " + report.display("version") + ", digest " + digest + ") is signed by key \"" + signingKid
                + "\" and attests the audit log at size " + checkpoint.size() + ", " + consistencySummary + files);
        return VERIFIED;
    }

    private void ok(String check, String detail) {
        out.println("  ok   " + check + ": " + detail);
    }

    private void fail(String check, String reason) {
        failed++;
        out.println("  FAIL " + check + ": " + reason);
    }

    private void skip(String check, String reason) {
        skipped++;
        out.println("  skip " + check + ": " + reason);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
