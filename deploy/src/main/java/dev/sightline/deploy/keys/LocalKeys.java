package dev.sightline.deploy.keys;

import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The keys of a local run, made before the processes that use them start, so that each can be told the others'
 * public keys: the audit log's note signing key (the witness must trust it before the audit-service first signs)
 * and the witness's cosigning key (the audit-service must know it before the witness first cosigns). A key file
 * that exists is kept; a missing one is created, readable by its owner only, in the format the services read.
 * Prints the verifier key, as {@code GET /api/v1/keys} ({@code noteKey}) and the witness's {@code GET /api/v1/key}
 * publish it.
 *
 * <pre>
 *   java -cp 'deploy/target/demo-loader.jar:deploy/target/lib/*' dev.sightline.deploy.keys.LocalKeys \
 *       log FILE ORIGIN | witness FILE NAME
 * </pre>
 */
public final class LocalKeys {
    static final String USAGE = "usage: LocalKeys log FILE ORIGIN | witness FILE NAME";

    private LocalKeys() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(verifierKey(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** The verifier key of the key file the arguments name, the file created first when it is missing. */
    static String verifierKey(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("expected three arguments, found " + args.length);
        }
        Path file = Path.of(args[1]);
        String name = args[2];
        return switch (args[0]) {
            case "log" -> of(file, name, () -> NoteSigner.generate(name).encodedPrivateKey(),
                    key -> NoteSigner.parse(key).verifier().encoded());
            case "witness" -> of(file, name, () -> CosignatureSigner.generate(name).encodedPrivateKey(),
                    key -> CosignatureSigner.parse(key).verifier().encoded());
            default -> throw new IllegalArgumentException("unknown key kind '" + args[0] + "'");
        };
    }

    private static String of(Path file, String name, Supplier<String> generate, Function<String, String> verifier) {
        try {
            if (!Files.exists(file)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, generate.get() + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the file stays as the platform created it
                }
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            String vkey = verifier.apply(key);
            if (!vkey.startsWith(name + "+")) {
                throw new IllegalArgumentException(file + " holds a key named '" + vkey.substring(0,
                        vkey.indexOf('+')) + "', not '" + name + "'");
            }
            return vkey;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the key file " + file, e);
        }
    }
}
