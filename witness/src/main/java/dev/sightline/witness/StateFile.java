package dev.sightline.witness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.verifier.witness.WitnessState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The witness's state in one JSON file: per origin, the size, root hash and note of the latest checkpoint it
 * cosigned. Every change writes a temporary file next to it, forces it to disk, renames it over the file and forces
 * the folder, so after a crash the file holds either the old state or the new one, never a mix. One witness process
 * per file.
 */
public final class StateFile implements WitnessState.Store {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Entry> logs;

    /** A stored state, as JSON. */
    record Entry(long size, String root, String note) {
    }

    /** Opens the file, or starts empty when it does not exist yet. */
    public StateFile(Path file) {
        this.file = file.toAbsolutePath();
        try {
            Files.createDirectories(this.file.getParent());
            this.logs = Files.exists(this.file)
                    ? new TreeMap<>(JSON.readValue(this.file.toFile(), new TypeReference<Map<String, Entry>>() { }))
                    : new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the witness state file " + this.file, e);
        }
    }

    public Path path() {
        return file;
    }

    /** The origins with a cosigned checkpoint. */
    public synchronized Map<String, WitnessState> all() {
        Map<String, WitnessState> all = new TreeMap<>();
        logs.forEach((origin, entry) -> all.put(origin, state(entry)));
        return all;
    }

    @Override
    public synchronized Optional<WitnessState> load(String origin) {
        return Optional.ofNullable(logs.get(origin)).map(StateFile::state);
    }

    @Override
    public synchronized void save(String origin, WitnessState state) {
        Map<String, Entry> next = new TreeMap<>(logs);
        next.put(origin, new Entry(state.size(), Base64.getEncoder().encodeToString(state.rootHash()), state.note()));
        try {
            write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the witness state file " + file, e);
        }
        logs.put(origin, next.get(origin));
    }

    private void write(byte[] content) throws IOException {
        Path folder = file.getParent();
        Path temporary = folder.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // the rename itself is durable only once the folder is
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static WitnessState state(Entry entry) {
        return new WitnessState(entry.size(), Base64.getDecoder().decode(entry.root()), entry.note());
    }
}
