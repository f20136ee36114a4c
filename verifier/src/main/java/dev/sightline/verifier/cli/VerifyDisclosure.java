package dev.sightline.verifier.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The regulator's offline verifier of a published disclosure (see {@link DisclosureVerifier}
 * for the checks):
 *
 * <pre>
 * java -jar sightline-verifier.jar --report &lt;report.json, .pdf or .csv&gt; [--report ...] [--signature report.json.jws] \
 *     --keys &lt;file or URL&gt; [--log-keys &lt;file or URL&gt;] [--manifest manifest.json --manifest-signature manifest.json.jws] \
 *     [--previous previous-report.json] [--digest &lt;hex&gt;] [--expect-key &lt;fingerprint&gt; ...]
 * </pre>
 *
 * Exit codes: {@value #EXIT_VERIFIED} every check passed, {@value #EXIT_NOT_VERIFIED} a check
 * failed, {@value #EXIT_USAGE} the command line is wrong or an input cannot be read.
 */
public final class VerifyDisclosure {

    /** Every check passed. */
    public static final int EXIT_VERIFIED = DisclosureVerifier.VERIFIED;
    /** At least one check failed. */
    public static final int EXIT_NOT_VERIFIED = DisclosureVerifier.NOT_VERIFIED;
    /** Wrong command line, or an input that cannot be read. */
    public static final int EXIT_USAGE = 2;

    static final String USAGE = String.join("\n",
            "usage: java -jar sightline-verifier.jar --report <report.json|report.pdf|report.csv> [--report ...]",
            "           [--signature <report.json.jws>] --keys <file or URL> [--log-keys <file or URL>]",
            "           [--manifest <manifest.json> --manifest-signature <manifest.json.jws>]",
            "           [--previous <previous-report.json>] [--digest <hex>] [--expect-key <fingerprint>]...",
            "           [--witness-key <vkey>]... [--witness-quorum <k>]",
            "",
            "  --report              a downloaded file of the disclosure, told apart by its bytes: the report (JSON),",
            "                        the PDF (report and signature taken from its attachments) or the CSV (checked",
            "                        against the manifest); repeat it to check several files of one disclosure",
            "  --signature           the report's detached JWS (report.json.jws); required with a JSON report",
            "  --keys                the disclosure-service's key set, e.g. https://<disclosure-service>/api/v1/keys",
            "  --log-keys            the audit-service's key set, e.g. https://<audit-service>/api/v1/keys;",
            "                        required with a JSON or PDF report",
            "  --manifest            the disclosure's signed list of files (manifest.json); required with a CSV",
            "  --manifest-signature  its detached JWS (manifest.json.jws), by a key of --keys",
            "  --previous            the previous disclosure of the jurisdiction, to match the one the report names",
            "  --digest              the expected lowercase hex SHA-256 of the report's canonical JSON",
            "  --expect-key          the fingerprint (RFC 7638 JWK SHA-256 thumbprint, base64url) of a key you",
            "                        obtained another way; every key that verifies something must be one of them",
            "  --witness-key         a witness's cosignature/v1 verifier key (repeatable): the attested",
            "                        checkpoint must carry its cosignature",
            "  --witness-quorum      how many of those witnesses must have cosigned (default: all)",
            "",
            "Any input may be a file or an http(s) URL. Exit code 0: verified, 1: a check failed,",
            "2: wrong usage or an unreadable input.");

    private static final List<String> OPTIONS = List.of("report", "signature", "keys", "log-keys", "previous", "digest",
            "manifest", "manifest-signature", "expect-key", "witness-key", "witness-quorum");
    private static final Set<String> REPEATABLE = Set.of("report", "expect-key", "witness-key");
    private static final List<String> REQUIRED = List.of("report", "keys");

    private final PrintStream out;
    private final PrintStream err;

    /** A verifier that prints its checks to {@code out} and usage and input errors to {@code err}. */
    public VerifyDisclosure(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public static void main(String[] args) {
        System.exit(new VerifyDisclosure(System.out, System.err).run(args));
    }

    /** Verifies as the command line asks and returns the exit code; never exits the JVM. */
    public int run(String... args) {
        Map<String, List<String>> options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        if (options == null) {
            out.println(USAGE);
            return EXIT_VERIFIED;
        }
        InputReader reader = new InputReader();
        DisclosureVerifier.Inputs inputs = new DisclosureVerifier.Inputs();
        try {
            for (String source : options.get("report")) {
                Input file = reader.read(source);
                FileKind kind = FileKind.of(file.bytes());
                if (kind == FileKind.CSV ? inputs.csv != null : inputs.hasReport()) {
                    return usage("--report " + source + " is a second " + (kind == FileKind.CSV ? "CSV"
                            : "report (JSON or PDF)") + ": give one of each kind");
                }
                switch (kind) {
                    case JSON -> inputs.json(file);
                    case PDF -> inputs.pdf(file);
                    case CSV -> inputs.csv(file);
                }
            }
            List<String> missing = new ArrayList<>();
            if (inputs.json != null && !options.containsKey("signature")) {
                missing.add("--signature (a JSON report needs its report.json.jws)");
            }
            if (inputs.hasReport() && !options.containsKey("log-keys")) {
                missing.add("--log-keys (a report's checkpoint is signed by the audit log)");
            }
            if (inputs.csv != null && !options.containsKey("manifest")) {
                missing.add("--manifest and --manifest-signature (a CSV is checked against the signed manifest)");
            }
            if (!missing.isEmpty()) {
                return usage("missing " + String.join(", ", missing));
            }
            inputs.signature(read(reader, options, "signature"))
                    .keys(read(reader, options, "keys"))
                    .logKeys(read(reader, options, "log-keys"))
                    .previous(read(reader, options, "previous"))
                    .manifest(read(reader, options, "manifest"), read(reader, options, "manifest-signature"))
                    .expectedDigest(first(options, "digest"))
                    .expectedKeys(new LinkedHashSet<>(options.getOrDefault("expect-key", List.of())));
        } catch (InputReader.UnreadableInputException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        return new DisclosureVerifier(inputs, out).withWitnesses(witnessCheck(options)).verify();
    }

    /** The witnesses' check the options ask for, or {@code null}; an {@link IllegalArgumentException} when malformed. */
    private static WitnessCheck witnessCheck(Map<String, List<String>> options) {
        List<String> keys = options.get("witness-key");
        return WitnessCheck.parse(keys == null ? null : String.join("\n", keys), first(options, "witness-quorum"));
    }

    private int usage(String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return EXIT_USAGE;
    }

    private static Input read(InputReader reader, Map<String, List<String>> options, String name)
            throws InputReader.UnreadableInputException {
        String source = first(options, name);
        return source == null ? null : reader.read(source);
    }

    private static String first(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(0);
    }

    /** The options by name (without dashes), or {@code null} when help was asked for. */
    private static Map<String, List<String>> parse(String[] args) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value.isEmpty()) {
                throw new UsageException("--" + name + " needs a value");
            }
            List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
            if (!values.isEmpty() && !REPEATABLE.contains(name)) {
                throw new UsageException("--" + name + " given twice");
            }
            values.add(value);
        }
        List<String> missing = REQUIRED.stream().filter(name -> !options.containsKey(name)).map(name -> "--" + name).toList();
        if (!missing.isEmpty()) {
            throw new UsageException("missing " + String.join(", ", missing));
        }
        if (options.containsKey("manifest") != options.containsKey("manifest-signature")) {
            throw new UsageException("--manifest and --manifest-signature go together");
        }
        try {
            witnessCheck(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String digest = first(options, "digest");
        if (digest != null) {
            if (!digest.matches("[0-9a-fA-F]{64}")) {
                throw new UsageException("--digest must be 64 hex digits (a SHA-256), found " + digest);
            }
            options.put("digest", List.of(digest.toLowerCase(Locale.ROOT)));
        }
        for (String key : options.getOrDefault("expect-key", List.of())) {
            if (!key.matches("[A-Za-z0-9_-]{43}")) {
                throw new UsageException("--expect-key must be a key fingerprint: the 43 base64url characters of an "
                        + "RFC 7638 SHA-256 thumbprint, found " + key);
            }
        }
        return options;
    }

    private static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
