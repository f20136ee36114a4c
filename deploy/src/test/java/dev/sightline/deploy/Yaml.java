package dev.sightline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading (multi-document) YAML and JSON into Jackson trees, and writing YAML the way a person would. */
final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    /** Every non-empty document of a YAML file, in order. */
    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !(doc.isObject() && doc.isEmpty())) {
                    result.add(doc);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The one document of a YAML file. */
    static JsonNode document(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, not one");
        }
        return docs.get(0);
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every .yaml/.yml file under a folder, sorted. */
    static List<Path> filesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
