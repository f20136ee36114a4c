package dev.sightline.partnership.service;

import dev.sightline.partnership.domain.Partner;
import dev.sightline.partnership.domain.PartnerRepository;
import dev.sightline.partnership.rest.dto.PartnerRequest;
import dev.sightline.partnership.rest.dto.PartnerView;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class PartnerService {
    private final PartnerRepository partners;

    PartnerService(PartnerRepository partners) {
        this.partners = partners;
    }

    @Transactional
    public PartnerView create(PartnerRequest request, String actor) {
        if (partners.existsByLegalName(request.legalName(), request.countryOfIncorporation())) {
            throw ProblemException.conflict("A partner named '" + request.legalName() + "' incorporated in "
                    + request.countryOfIncorporation() + " is already registered");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        apply(partner, request);
        partner.createdAt = now;
        partner.createdBy = actor;
        partner.updatedAt = now;
        partner.updatedBy = actor;
        partners.persistAndFlush(partner);
        return view(partner);
    }

    public PartnerView find(UUID id) {
        return partners.findByIdOptional(id).map(PartnerService::view)
                .orElseThrow(() -> ProblemException.notFound("No partner with id " + id));
    }

    private static void apply(Partner partner, PartnerRequest request) {
        partner.legalName = request.legalName().strip();
        partner.countryOfIncorporation = request.countryOfIncorporation();
        partner.headquartersCountry = request.headquartersCountry();
        partner.parentGroup = request.parentGroup();
        partner.ownershipNotes = request.ownershipNotes();
        partner.lei = request.lei();
        partner.nationalSecurityAccess = request.nationalSecurityAccess();
    }

    static PartnerView view(Partner p) {
        return new PartnerView(p.id, p.legalName, p.countryOfIncorporation, p.headquartersCountry, p.parentGroup,
                p.ownershipNotes, p.lei, p.nationalSecurityAccess, p.version, p.createdAt, p.createdBy, p.updatedAt,
                p.updatedBy);
    }
}
