package dev.sightline.partnership.partners.storage;

import dev.sightline.partnership.rest.SearchText;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {
    public boolean existsByLegalName(String legalName, String countryOfIncorporation) {
        return count("lower(legalName) = lower(?1) and countryOfIncorporation = ?2", legalName,
                countryOfIncorporation) > 0;
    }

    public boolean existsByLegalNameExcept(String legalName, String countryOfIncorporation, UUID except) {
        return count("lower(legalName) = lower(?1) and countryOfIncorporation = ?2 and id <> ?3", legalName,
                countryOfIncorporation, except) > 0;
    }

    /** One page in (createdAt, id) order; {@code country} matches incorporation or headquarters. */
    public List<Partner> findPage(String text, String country, Instant afterCreatedAt, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (text != null) {
            where.add("(legalName ilike :text escape '\\' or parentGroup ilike :text escape '\\')");
            params.and("text", SearchText.anywhere(text));
        }
        if (country != null) {
            where.add("(countryOfIncorporation = :country or headquartersCountry = :country)");
            params.and("country", country);
        }
        if (afterCreatedAt != null) {
            where.add("(createdAt > :afterCreatedAt or (createdAt = :afterCreatedAt and id > :afterId))");
            params.and("afterCreatedAt", afterCreatedAt).and("afterId", afterId);
        }
        String query = where.isEmpty() ? "order by createdAt, id"
                : String.join(" and ", where) + " order by createdAt, id";
        return find(query, params).page(0, limit).list();
    }
}
