package dev.sightline.partnership.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
    private final Taxonomy taxonomy = new Taxonomy(new ObjectMapper());

    @Test
    void aParentAllowsItsChildrenAndAForbiddenChildIsCarvedOut() {
        Set<String> permitted = taxonomy.permitted(List.of("user.content"), List.of("user.content.image"));
        assertEquals(Set.of("user.content", "user.content.text", "user.content.voice"), permitted);
        assertTrue(Taxonomy.covers("user.location", "user.location.precise"));
        assertFalse(Taxonomy.covers("user.location", "user.locationx"));
    }

    @Test
    void permittedKeysAreCoveredByAnAllowedKeyAndByNoForbiddenOne() {
        List<String> keys = taxonomy.categories().stream().map(Taxonomy.Category::key).toList();
        long seed = 20261129L;
        Random random = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            List<String> allowed = random.ints(random.nextInt(4), 0, keys.size()).mapToObj(keys::get).toList();
            List<String> forbidden = random.ints(random.nextInt(3), 0, keys.size()).mapToObj(keys::get).toList();
            Set<String> permitted = taxonomy.permitted(allowed, forbidden);
            for (String key : keys) {
                boolean expected = allowed.stream().anyMatch(a -> Taxonomy.covers(a, key))
                        && forbidden.stream().noneMatch(f -> Taxonomy.covers(f, key));
                assertEquals(expected, permitted.contains(key),
                        "seed " + seed + " round " + round + " allowed " + allowed + " forbidden " + forbidden + " key " + key);
            }
        }
    }

    @Test
    void everyCategoryHasItsParentAndTheSensitiveOnesAreMarked() {
        taxonomy.categories().forEach(c -> assertTrue(c.parent() == null || taxonomy.contains(c.parent()), c.key()));
        assertEquals(List.of("user.biometric", "user.financial", "user.genomic", "user.genomic.other", "user.health",
                "user.identifier.covered", "user.location.precise", "user.minor"), taxonomy.sensitiveKeys());
        assertEquals("2026.1", taxonomy.version());
    }
}
