package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.disclosure.reports.Report.RuleSource;
import dev.sightline.support.market.Markets;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jurisdiction templates: data files under {@code templates/} (which markets a jurisdiction covers, the time
 * zone its periods are counted in, the legal frame it cites, which assessments, filings, legal bases and threshold
 * regimes it reports), read once at start. {@link ReportBuilder} renders any of them; adding a jurisdiction is
 * adding a file.
 */
@ApplicationScoped
public class Templates {
    /**
     * One template, as its file says.
     *
     * @param markets the partnership markets the template covers; a region its file names (EU) stands for itself
     *        and its member states ({@link Markets#coveredBy})
     * @param reportingTimeZone the IANA time zone the jurisdiction's reporting periods are counted in (a period
     *        given as dates runs from the start date's midnight to the end date's midnight there)
     * @param reportingTimeZoneNote why that zone
     * @param titleZh, legalFrameZh the title and legal frame in Chinese, for a bilingual template (CN)
     * @param languages the languages its reports speak ({@code zh} first for CN: bilingual)
     * @param contactRoles which of the publisher's configured contact points its reports name
     * @param ruleSources the instrument and article behind each rule its reports apply
     */
    public record Template(String id, String version, String title, String titleZh, Set<String> markets,
            String reportingTimeZone, String reportingTimeZoneNote, List<String> legalFrame, List<String> legalFrameZh,
            List<String> languages, List<String> contactRoles, List<RuleSource> ruleSources,
            Set<String> assessmentTypes, Set<String> filingTypes, Set<String> legalBasisJurisdictions,
            Set<String> thresholdRegimes, Map<String, String> riskClassDuties, String generalPurposeDuty,
            List<String> sections) {

        public Template {
            Set<String> covered = new LinkedHashSet<>();
            for (String market : markets) {
                Set<String> region = Markets.coveredBy(market);
                covered.addAll(region.isEmpty() ? Set.of(market) : region);
            }
            markets = Collections.unmodifiableSet(covered);
            if (reportingTimeZone == null || reportingTimeZoneNote == null || reportingTimeZoneNote.isBlank()) {
                throw new IllegalArgumentException("template " + id + " names no reportingTimeZone and its note");
            }
            ZoneId.of(reportingTimeZone);
            languages = languages == null || languages.isEmpty() ? List.of("en") : List.copyOf(languages);
            contactRoles = contactRoles == null ? List.of() : List.copyOf(contactRoles);
            ruleSources = ruleSources == null ? List.of() : List.copyOf(ruleSources);
        }

        /** The reporting time zone. */
        public ZoneId zone() {
            return ZoneId.of(reportingTimeZone);
        }
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();

    Templates(ObjectMapper mapper) {
        for (String id : Markets.JURISDICTIONS) {
            try (InputStream in = Templates.class.getResourceAsStream("/templates/" + id + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("templates/" + id + ".json is missing");
                }
                Template template = mapper.readValue(in, Template.class);
                if (!id.equals(template.id())) {
                    throw new IllegalStateException("templates/" + id + ".json names itself " + template.id());
                }
                templates.put(id, template);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read templates/" + id + ".json", e);
            }
        }
    }

    /** The template of a jurisdiction; 400 naming the known ones otherwise. */
    public Template of(String jurisdiction) {
        Template template = templates.get(jurisdiction);
        if (template == null) {
            throw ProblemException.invalidField("jurisdiction", "must be one of " + Markets.JURISDICTIONS);
        }
        return template;
    }
}
