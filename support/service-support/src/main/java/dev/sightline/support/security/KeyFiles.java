package dev.sightline.support.security;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.function.Supplier;

/** A signing key kept in a file: read it, or (dev, test and the local run only) create it once with a new key. */
public final class KeyFiles {
    private KeyFiles() {
    }

    /**
     * The file's content without surrounding whitespace. A missing file is created, readable by its owner only,
     * from {@code generate} when {@code mayGenerate}; otherwise it is an error naming {@code what}.
     */
    public static String readOrCreate(Path file, boolean mayGenerate, Supplier<String> generate, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            if (!mayGenerate) {
                throw new IllegalStateException(what + " file " + file + " does not exist");
            }
            String key = generate.get();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file stays as the platform created it
            }
            Log.warnf("Generated a new %s in %s (dev/test only)", what.toLowerCase(Locale.ROOT), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the " + what.toLowerCase(Locale.ROOT)
                    + " file " + file, e);
        }
    }
}
