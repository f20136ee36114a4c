package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.jws.JwsException;
import dev.sightline.verifier.merkle.InvalidProofException;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.SignedNote;

import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The checks of the offline verifier, run over inputs already read, in this order:
 * <ol>
 *   <li>{@code report}: the report is a JSON object; its digest is the lowercase hex SHA-256
 *       of its RFC 8785 canonical bytes ({@code digest}: equal to the expected one, if given);</li>
 *   <li>{@code signature}: the detached JWS verifies over those bytes with the key of its
 *       {@code kid} in the disclosure-service's key set;</li>
 *   <li>{@code checkpoint}: {@code attestation.checkpoint.note} is signed by a note key of the
 *       audit-service's key set, and states the {@code size} and {@code root} next to it;</li>
 *   <li>{@code consistency}: the proof in {@code attestation.previous} leads from the previous
 *       disclosure's tree head to this one (nothing to check for a jurisdiction's first);</li>
 *   <li>{@code previous report} (when given): it is the disclosure that
 *       {@code attestation.previous} names, with the same jurisdiction and tree head.</li>
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

    /** What the verifier reads; {@code previous} and {@code expectedDigest} may be {@code null}. */
    record Inputs(Input report, Input signature, Input keys, Input logKeys, Input previous, String expectedDigest) {

        Inputs {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(logKeys, "logKeys");
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

    // What the passed checks established, for the summary line.
    private String signingKid;
    private TreeHead checkpoint;
    private String consistencySummary;
    private SignedNote attestedNote;
    private WitnessCheck witnesses;

    DisclosureVerifier(Inputs inputs, PrintStream out) {
        this.in = Objects.requireNonNull(inputs, "inputs");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Also checks the witnesses' cosignatures of the attested checkpoint ({@code null}: no such check). */
    DisclosureVerifier withWitnesses(WitnessCheck check) {
        this.witnesses = check;
        return this;
    }

    /** Runs every check, printing one line each and a summary; returns {@link #VERIFIED} or {@link #NOT_VERIFIED}. */
    int verify() {
        out.println("Report       " + in.report().name());
        JsonFields report;
        byte[] canonical;
        try {
            report = JsonFields.parseCanonical(in.report());
            canonical = report.canonical();
        } catch (CheckFailure e) {
            return reportUnusable(e.getMessage());
        }
        printHeader(report);

        String digest = HexFormat.of().formatHex(sha256(canonical));
        ok("report", in.report().name() + " is JSON; digest (SHA-256 of its RFC 8785 form) " + digest);
        if (in.expectedDigest() != null) {
            if (digest.equals(in.expectedDigest())) {
                ok("digest", "equals --digest");
            } else {
                fail("digest", in.report().name() + " has digest " + digest + ", but --digest expects " + in.expectedDigest());
            }
        }
        checkSignature(canonical);
        TreeHead attested = checkCheckpoint(report);
        checkWitnesses();
        checkConsistency(report, attested);
        if (in.previous() != null) {
            checkPreviousReport(report);
        }
        return summary(report, digest);
    }

    private int reportUnusable(String reason) {
        out.println();
        fail("report", reason);
        skip("signature", "needs the report");
        skip("checkpoint", "needs the report");
        if (witnesses != null) {
            skip("witnesses", "needs the report");
        }
        skip("consistency", "needs the report");
        if (in.previous() != null) {
            skip("previous report", "needs the report");
        }
        return summary(null, null);
    }

    private void printHeader(JsonFields report) {
        out.println("Disclosure   " + report.display("disclosureId"));
        out.println("Jurisdiction " + report.display("jurisdiction"));
        out.println("Period       " + report.display("periodStart") + " to " + report.display("periodEnd"));
        out.println("Version      " + report.display("version") + " (template " + report.display("template.id")
                + " " + report.display("template.version") + ", rule set " + report.display("ruleSet") + ")");
        out.println();
    }

    private void checkSignature(byte[] canonical) {
        Input signature = in.signature();
        String jws;
        DetachedJws.Header header;
        try {
            // A trailing newline is how files end; a compact JWS itself has no whitespace.
            jws = signature.text().strip();
            header = DetachedJws.decodeHeader(jws);
        } catch (CheckFailure e) {
            fail("signature", e.getMessage());
            return;
        } catch (JwsException e) {
            fail("signature", signature.name() + ": " + e.getMessage());
            return;
        }
        PublicKey key;
        try {
            key = KeySets.signingKey(in.keys(), header.kid());
        } catch (CheckFailure e) {
            fail("signature", e.getMessage());
            return;
        }
        try {
            DetachedJws.verify(jws, canonical, Map.of(header.kid(), key));
            signingKid = header.kid();
            ok("signature", signature.name() + ": EdDSA by key \"" + header.kid() + "\" of " + in.keys().name());
        } catch (JwsException e) {
            fail("signature", switch (e.reason()) {
                case INVALID_KEY -> "key \"" + header.kid() + "\" of " + in.keys().name() + " is not a valid Ed25519 public key";
                case INVALID_SIGNATURE -> signature.name() + " does not verify over the canonical form of "
                        + in.report().name() + " with key \"" + header.kid() + "\" of " + in.keys().name();
                default -> signature.name() + ": " + e.getMessage();
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
        String noteName = CHECKPOINT + ".note of " + in.report().name();
        try {
            KeySets.NoteKeys keys = KeySets.noteKeys(in.logKeys());
            String unusable = keys.unusable().isEmpty() ? ""
                    : " (left out of " + in.logKeys().name() + ": " + String.join("; ", keys.unusable()) + ")";
            if (keys.verifiers().isEmpty()) {
                throw new CheckFailure(in.logKeys().name() + " has no usable note key" + unusable);
            }
            SignedNote opened;
            try {
                opened = SignedNote.open(note, keys.verifiers());
            } catch (NoteException e) {
                throw new CheckFailure(switch (e.reason()) {
                    case NO_KNOWN_SIGNATURE -> noteName + " has no signature by a key of " + in.logKeys().name() + unusable;
                    case INVALID_SIGNATURE -> noteName + " does not verify with the keys of " + in.logKeys().name()
                            + ": " + e.getMessage();
                    default -> noteName + ": " + e.getMessage();
                });
            } catch (IllegalArgumentException e) {
                throw new CheckFailure("a note key of " + in.logKeys().name() + " is not a valid Ed25519 public key");
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
                throw new CheckFailure(in.report().name() + ": " + String.join("; ", mismatches));
            }
            String signers = opened.verified().stream().map(s -> s.name() + "+" + s.keyIdHex())
                    .collect(Collectors.joining(", "));
            checkpoint = attested;
            attestedNote = opened;
            ok("checkpoint", "log " + signed.origin() + " at " + attested.describe() + ", signed by " + signers
                    + " of " + in.logKeys().name());
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
            fail("witnesses", CHECKPOINT + ".note of " + in.report().name() + " carries " + outcome.describe());
        }
    }

    private void checkConsistency(JsonFields report, TreeHead attested) {
        JsonNode previous = report.find(PREVIOUS);
        if (previous == null) {
            fail("consistency", in.report().name() + ": " + PREVIOUS + " is missing (null for a jurisdiction's first disclosure)");
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
                throw new CheckFailure(in.report().name() + ": " + PREVIOUS + ".consistencyProof does not lead from size "
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
        String name = in.previous().name();
        try {
            JsonFields previous = JsonFields.parseCanonical(in.previous());
            JsonNode named = report.find(PREVIOUS);
            if (named == null || !named.isObject()) {
                throw new CheckFailure(in.report().name() + " names no previous disclosure (" + PREVIOUS + " is "
                        + (named == null ? "missing" : named) + "), but --previous " + name + " was given");
            }
            List<String> mismatches = new ArrayList<>();
            String id = previous.requireText("disclosureId");
            String expectedId = report.requireText(PREVIOUS + ".disclosureId");
            if (!id.equals(expectedId)) {
                mismatches.add("it is disclosure " + id + ", but " + PREVIOUS + ".disclosureId of "
                        + in.report().name() + " is " + expectedId);
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
                        + in.report().name() + " is " + expected.size());
            }
            if (!Arrays.equals(stated.root(), expected.root())) {
                mismatches.add("its " + CHECKPOINT + ".root is " + Base64.getEncoder().encodeToString(stated.root())
                        + ", but " + PREVIOUS + ".root of " + in.report().name() + " is "
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

    private int summary(JsonFields report, String digest) {
        out.println();
        if (failed > 0 || skipped > 0) {
            out.println("NOT verified: " + failed + " check(s) failed" + (skipped > 0 ? ", " + skipped + " not run" : ""));
            return NOT_VERIFIED;
        }
        out.println("verified: disclosure " + report.display("disclosureId") + " (" + report.display("jurisdiction")
                + ", version " + report.display("version") + ", digest " + digest + ") is signed by key \"" + signingKid
                + "\" and attests the audit log at size " + checkpoint.size() + ", " + consistencySummary);
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
