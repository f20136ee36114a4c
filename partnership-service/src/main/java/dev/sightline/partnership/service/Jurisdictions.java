package dev.sightline.partnership.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Country lists that law, not code, decides, loaded once from {@code data/jurisdictions.json}: the US
 * bulk-data rule's countries of concern and the regions (such as {@code EU}) that markets and transfer origins
 * may name instead of a country.
 */
@ApplicationScoped
public class Jurisdictions {
    static final String RESOURCE = "data/jurisdictions.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CountryList(String source, List<String> countries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(CountryList countriesOfConcern, Map<String, List<String>> regions) {
    }

    private final Set<String> countriesOfConcern;
    private final Map<String, Set<String>> regions;

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
        this.regions = Map.copyOf(file.regions().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
    }

    public boolean isCountryOfConcern(String country) {
        return country != null && countriesOfConcern.contains(country);
    }

    /** A "covered person" under the US bulk-data rule: headquartered or incorporated in a country of concern. */
    public boolean isCoveredPerson(String countryOfIncorporation, String headquartersCountry) {
        return isCountryOfConcern(countryOfIncorporation) || isCountryOfConcern(headquartersCountry);
    }

    public boolean isRegion(String code) {
        return regions.containsKey(code);
    }

    public Set<String> regionCodes() {
        return regions.keySet();
    }

    /** Whether the market or origin {@code area} (a country or a region code) includes {@code country}. */
    public boolean includes(String area, String country) {
        return area.equals(country) || regions.getOrDefault(area, Set.of()).contains(country);
    }

    /** Whether {@code outer} includes all of {@code inner} (both countries or region codes). */
    public boolean encloses(String outer, String inner) {
        return outer.equals(inner) || regions.getOrDefault(outer, Set.of()).contains(inner);
    }

    /** Whether the area is the EU or one of its member states. */
    public boolean inEu(String area) {
        return "EU".equals(area) || regions.getOrDefault("EU", Set.of()).contains(area);
    }
}
