package dev.sightline.partnership.taxonomy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The fixed, versioned taxonomy of user-data categories, loaded once from {@code data/data-categories.json}.
 * Keys are dotted; a key covers itself and its descendants ({@code user.content} covers
 * {@code user.content.voice}).
 */
@ApplicationScoped
public class Taxonomy {
    static final String RESOURCE = "data/data-categories.json";

    /** One category as the data file states it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String key, String name, boolean sensitive, String gdprArt9, boolean piplSensitive,
            String usBulkData, boolean ccpaSensitive) {

        /** The key one level up, or null for a root. */
        public String parent() {
            int dot = key.lastIndexOf('.');
            return dot < 0 ? null : key.substring(0, dot);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(String version, List<Category> categories) {
    }

    private final String version;
    private final Map<String, Category> categories = new LinkedHashMap<>();

    @Inject
    Taxonomy(ObjectMapper mapper) {
        this(load(mapper));
    }

    Taxonomy(File file) {
        this.version = file.version();
        for (Category category : file.categories()) {
            if (categories.put(category.key(), category) != null) {
                throw new IllegalStateException("Duplicate data category " + category.key());
            }
        }
        categories.values().forEach(c -> {
            if (c.parent() != null && !categories.containsKey(c.parent())) {
                throw new IllegalStateException("Data category " + c.key() + " has no parent " + c.parent());
            }
        });
    }

    private static File load(ObjectMapper mapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            return mapper.readerFor(File.class).readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + RESOURCE, e);
        }
    }

    public String version() {
        return version;
    }

    public Collection<Category> categories() {
        return categories.values();
    }

    public boolean contains(String key) {
        return categories.containsKey(key);
    }

    /** Every key marked sensitive, sorted. */
    public List<String> sensitiveKeys() {
        return keys(Category::sensitive);
    }

    public List<String> keys(Predicate<Category> filter) {
        return categories.values().stream().filter(filter).map(Category::key).sorted().toList();
    }

    /** Whether {@code ancestor} is {@code key} itself or one of its ancestors. */
    public static boolean covers(String ancestor, String key) {
        return key.equals(ancestor) || key.startsWith(ancestor + ".");
    }

    /**
     * The taxonomy keys a policy lets through: covered by an allowed key and not by a forbidden one
     * ({@code allowed: [user.content], forbidden: [user.content.image]} lets text and voice through).
     */
    public Set<String> permitted(Collection<String> allowed, Collection<String> forbidden) {
        Set<String> permitted = new TreeSet<>();
        for (String key : categories.keySet()) {
            if (allowed.stream().anyMatch(a -> covers(a, key)) && forbidden.stream().noneMatch(f -> covers(f, key))) {
                permitted.add(key);
            }
        }
        return permitted;
    }

    /** The permitted keys whose category matches, sorted. */
    public List<String> permitted(Collection<String> allowed, Collection<String> forbidden,
            Predicate<Category> filter) {
        return permitted(allowed, forbidden).stream().filter(k -> filter.test(categories.get(k))).toList();
    }
}
