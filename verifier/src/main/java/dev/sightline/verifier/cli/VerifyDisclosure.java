package dev.sightline.verifier.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The regulator's offline verifier of a published disclosure (see {@link DisclosureVerifier}
 * for the checks):
 *
 * <pre>
 * java -jar sightline-verifier.jar --report report.json --signature report.json.jws \
 *     --keys &lt;file or URL&gt; --log-keys &lt;file or URL&gt; [--previous previous-report.json] [--digest &lt;hex&gt;]
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
            "usage: java -jar sightline-verifier.jar --report <report.json> --signature <report.json.jws>",
            "           --keys <file or URL> --log-keys <file or URL> [--previous <previous-report.json>] [--digest <hex>]",
            "           [--witness-key <vkey>]... [--witness-quorum <k>]",
            "",
            "  --report     the disclosure report (JSON) as downloaded",
            "  --signature  its detached JWS (report.json.jws)",
            "  --keys       the disclosure-service's key set, e.g. https://<disclosure-service>/api/v1/keys",
            "  --log-keys   the audit-service's key set, e.g. https://<audit-service>/api/v1/keys",
            "  --previous   the previous disclosure of the jurisdiction, to match the one the report names",
            "  --digest     the expected lowercase hex SHA-256 of the report's canonical JSON",
            "  --witness-key     a witness's cosignature/v1 verifier key (repeatable): the attested checkpoint",
            "                    must carry its cosignature",
            "  --witness-quorum  how many of those witnesses must have cosigned (default: all)",
            "",
            "Any input may be a file or an http(s) URL. Exit code 0: verified, 1: a check failed,",
            "2: wrong usage or an unreadable input.");

    private static final List<String> OPTIONS = List.of("report", "signature", "keys", "log-keys", "previous", "digest",
            "witness-key", "witness-quorum");
    private static final List<String> REQUIRED = List.of("report", "signature", "keys", "log-keys");

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
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (options == null) {
            out.println(USAGE);
            return EXIT_VERIFIED;
        }
        InputReader reader = new InputReader();
        DisclosureVerifier.Inputs inputs;
        try {
            inputs = new DisclosureVerifier.Inputs(
                    reader.read(options.get("report")),
                    reader.read(options.get("signature")),
                    reader.read(options.get("keys")),
                    reader.read(options.get("log-keys")),
                    options.containsKey("previous") ? reader.read(options.get("previous")) : null,
                    options.get("digest"));
        } catch (InputReader.UnreadableInputException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        return new DisclosureVerifier(inputs, out)
                .withWitnesses(WitnessCheck.parse(options.get("witness-key"), options.get("witness-quorum"))).verify();
    }

    /** The options by name (without dashes), or {@code null} when help was asked for. */
    private static Map<String, String> parse(String[] args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
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
            if (name.equals("witness-key")) {
                // repeatable: one line per witness
                options.merge(name, value, (keys, key) -> keys + "\n" + key);
                continue;
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> !options.containsKey(name)).map(name -> "--" + name).toList();
        if (!missing.isEmpty()) {
            throw new UsageException("missing " + String.join(", ", missing));
        }
        try {
            WitnessCheck.parse(options.get("witness-key"), options.get("witness-quorum"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String digest = options.get("digest");
        if (digest != null) {
            if (!digest.matches("[0-9a-fA-F]{64}")) {
                throw new UsageException("--digest must be 64 hex digits (a SHA-256), found " + digest);
            }
            options.put("digest", digest.toLowerCase(Locale.ROOT));
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
