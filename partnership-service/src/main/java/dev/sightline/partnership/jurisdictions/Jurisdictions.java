package dev.sightline.partnership.jurisdictions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.support.market.Markets;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Country lists that law, not code, decides: the US bulk-data rule's countries of concern, loaded once from
 * {@code data/jurisdictions.json}, and the regions (the {@code EU} and its member states, from
 * {@link Markets}) that markets and transfer origins may name instead of a country.
 */
@ApplicationScoped
public class Jurisdictions {
    static final String RESOURCE = "data/jurisdictions.json";
    private static final Map<String, Set<String>> REGIONS = Map.of(Markets.EU, Markets.EU_MEMBER_STATES);
    /**
     * The EEA states outside the EU. GDPR applies across the EU and the EEA alike, so for its Chapter V (transfers
     * to third countries) the whole EEA is one area: data moving between two of its states is not a transfer.
     */
    private static final Set<String> EEA_NOT_EU = Set.of("IS", "LI", "NO");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CountryList(String source, List<String> countries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(CountryList countriesOfConcern) {
    }

    private final Set<String> countriesOfConcern;

    Jurisdictions(ObjectMapper mapper) {
        File file;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            file = mapper.readerFor(File.class).readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + RESOURCE, e);
        }
        this.countriesOfConcern = Set.copyOf(file.countriesOfConcern().countries());
    }

    private boolean isCountryOfConcern(String country) {
        return country != null && countriesOfConcern.contains(country);
    }

    /** A "covered person" under the US bulk-data rule: headquartered or incorporated in a country of concern. */
    public boolean isCoveredPerson(String countryOfIncorporation, String headquartersCountry) {
        return isCountryOfConcern(countryOfIncorporation) || isCountryOfConcern(headquartersCountry);
    }

    public boolean isRegion(String code) {
        return REGIONS.containsKey(code);
    }

    /** Whether the market or origin {@code area} (a country or a region code) is or includes {@code other}. */
    public boolean includes(String area, String other) {
        return area.equals(other) || REGIONS.getOrDefault(area, Set.of()).contains(other);
    }

    /** Whether the area is the EU or one of its member states. */
    public boolean inEu(String area) {
        return Markets.EU.equals(area) || Markets.inEu(area);
    }

    /** Whether the area is the EU, one of its member states or another EEA state (Iceland, Liechtenstein, Norway). */
    public boolean inEea(String area) {
        return inEu(area) || EEA_NOT_EU.contains(area);
    }

    /**
     * Whether data moving from {@code origin} (a market: a country or region) to {@code country} stays within one
     * area, so that no transfer mechanism is needed: the same country, a country of the origin region, or both in
     * the EEA.
     */
    public boolean withinOneArea(String origin, String country) {
        return includes(origin, country) || (inEea(origin) && inEea(country));
    }
}
