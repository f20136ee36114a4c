package dev.sightline.partnership.service;

import dev.sightline.partnership.domain.Partner;
import dev.sightline.partnership.domain.PartnerRepository;
import dev.sightline.partnership.rest.dto.PartnerPage;
import dev.sightline.partnership.rest.dto.PartnerRequest;
import dev.sightline.partnership.rest.dto.PartnerView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.validation.CountryCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PartnerService {
    private final PartnerRepository partners;
    private final Jurisdictions jurisdictions;

    PartnerService(PartnerRepository partners, Jurisdictions jurisdictions) {
        this.partners = partners;
        this.jurisdictions = jurisdictions;
    }

    @Transactional
    public PartnerView create(PartnerRequest request, String actor) {
        if (partners.existsByLegalName(request.legalName(), request.countryOfIncorporation())) {
            throw duplicate(request);
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

    /** Replaces the partner's record; {@code ifMatch} must name its current version. */
    @Transactional
    public PartnerView update(UUID id, PartnerRequest request, String ifMatch, String actor) {
        Partner partner = partners.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        EntityTags.requireMatch(ifMatch, partner.version, "partner");
        if (partners.existsByLegalNameExcept(request.legalName(), request.countryOfIncorporation(), id)) {
            throw duplicate(request);
        }
        apply(partner, request);
        partner.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        partner.updatedBy = actor;
        partners.flush();
        return view(partner);
    }

    public PartnerView find(UUID id) {
        return partners.findByIdOptional(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    public PartnerPage list(String text, String country, String after, Integer limit) {
        int size = Cursor.limit(limit);
        if (country != null && !CountryCode.Validator.isCountry(country)) {
            throw ProblemException.invalidField("country", "must be an ISO 3166-1 alpha-2 country code such as DE");
        }
        Cursor cursor = Cursor.decode(after);
        List<Partner> page = partners.findPage(blankToNull(text), country, cursor == null ? null : cursor.createdAt(),
                cursor == null ? null : cursor.id(), size + 1);
        List<PartnerView> items = page.stream().limit(size).map(this::view).toList();
        String next = page.size() > size
                ? new Cursor(page.get(size - 1).createdAt, page.get(size - 1).id).encode() : null;
        return new PartnerPage(items, next);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No partner with id " + id);
    }

    private static ProblemException duplicate(PartnerRequest request) {
        return ProblemException.conflict("A partner named '" + request.legalName() + "' incorporated in "
                + request.countryOfIncorporation() + " is already registered");
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

    PartnerView view(Partner p) {
        return new PartnerView(p.id, p.legalName, p.countryOfIncorporation, p.headquartersCountry, p.parentGroup,
                p.ownershipNotes, p.lei, p.nationalSecurityAccess,
                jurisdictions.isCoveredPerson(p.countryOfIncorporation, p.headquartersCountry), p.version,
                p.createdAt, p.createdBy, p.updatedAt, p.updatedBy);
    }
}
