package dev.sightline.deploy.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoakTest {
    private static final String PARTNERSHIP = "41f30665-5112-4592-8ab7-9879e90c23c8";

    @Test
    void readsItsOptionsWithDefaultsForTheRest() {
        Soak.Options options = Soak.Options.parse("--minutes", "20", "--rate", "1900", "--partnership", PARTNERSHIP,
                "--service", "audit-service=4242", "--service", "partnership-service=17");
        assertEquals(20, options.minutes());
        assertEquals(1900, options.rate());
        assertEquals(10, options.intervalSeconds());
        assertEquals(UUID.fromString(PARTNERSHIP), options.partnership());
        assertEquals(Map.of("audit-service", 4242L, "partnership-service", 17L), options.services());
        assertEquals(List.of("audit-service", "partnership-service"), List.copyOf(options.services().keySet()));
        assertEquals(URI.create("http://localhost:8082"), options.audit());
        assertEquals(URI.create("http://localhost:8180"), options.keycloak());
        assertEquals(20L * 60 * 1900, options.totalEvents());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --minutes must be a whole number from 1 to 120      | --minutes 0 --rate 10
            --minutes must be a whole number from 1 to 120      | --minutes 121 --rate 10
            --minutes must be a whole number from 1 to 120      | --minutes ten --rate 10
            --rate must be a whole number from 1 to 5000        | --minutes 1 --rate 5001
            --rate must be a whole number from 1 to 5000        | --minutes 1 --rate -3
            --interval must be a whole number from 1 to 300     | --minutes 1 --rate 10 --interval 0
            --rate is required                                  | --minutes 1
            --rate is given twice                               | --minutes 1 --rate 1 --rate 2
            unknown option --hours                              | --minutes 1 --rate 1 --hours 2
            --rate needs a value                                | --minutes 1 --rate
            --audit must be an http URL on this machine         | --minutes 1 --rate 1 --audit http://10.0.0.8:8082
            --audit must be an http URL on this machine         | --minutes 1 --rate 1 --audit https://localhost:8082
            --keycloak must be an http URL on this machine      | --minutes 1 --rate 1 --keycloak http://example.com
            """)
    void refusesWhatItCannotRunSafely(String message, String args) {
        String[] all = (args + " --partnership " + PARTNERSHIP + " --service audit-service=1").split(" ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Soak.Options.parse(all));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void needsAServiceToWatchAndAPartnershipUuid() {
        assertThrows(IllegalArgumentException.class, () -> Soak.Options.parse("--minutes", "1", "--rate", "1",
                "--partnership", PARTNERSHIP));
        assertThrows(IllegalArgumentException.class, () -> Soak.Options.parse("--minutes", "1", "--rate", "1",
                "--partnership", "PRT-1", "--service", "a=1"));
        assertThrows(IllegalArgumentException.class, () -> Soak.Options.parse("--minutes", "1", "--rate", "1",
                "--partnership", PARTNERSHIP, "--service", "audit-service"));
    }

    @Test
    void printsAReadableTableWithProgressAndMemoryPerService() {
        List<String> services = List.of("partnership-service", "audit-service");
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("partnership-service", 312L * 1024 * 1024 + 5);
        rss.put("audit-service", null);
        String header = Soak.header(services);
        String row = Soak.row(new Soak.Sample(90, 1200, 171_000, 3, 1900.4, rss), services);
        assertEquals("elapsed  progress   events/s     appended   errors partnership-service RSS audit-service RSS",
                header.strip());
        assertEquals("1:30        7%       1900       171000        3                  312 MB              gone",
                row.strip());
        assertEquals(header.length(), row.length(), "columns line up");
        assertEquals("100%", Soak.row(new Soak.Sample(1300, 1200, 0, 0, 0, rss), services).substring(13, 18)
                .strip());
    }

    @Test
    void readsResidentMemoryFromProcStatus() {
        assertEquals(401_408L * 1024, Soak.rssOf("Name:\tjava\nVmPeak:\t 5000 kB\nVmRSS:\t  401408 kB\nThreads: 40\n"));
        assertNull(Soak.rssOf("Name:\tkthreadd\n"));
        Long own = Soak.rss(ProcessHandle.current().pid());
        assertTrue(own != null && own > 0, "this JVM's own RSS: " + own);
        assertNull(Soak.rss(Long.MAX_VALUE));
    }
}
