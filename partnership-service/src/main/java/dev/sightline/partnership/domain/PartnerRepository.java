package dev.sightline.partnership.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {
    public boolean existsByLegalName(String legalName, String countryOfIncorporation) {
        return count("lower(legalName) = lower(?1) and countryOfIncorporation = ?2", legalName,
                countryOfIncorporation) > 0;
    }
}
