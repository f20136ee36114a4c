package dev.sightline.partnership.partners;

import dev.sightline.partnership.jurisdictions.Jurisdictions;
import dev.sightline.partnership.partners.rest.dto.PartnerPage;
import dev.sightline.partnership.partners.rest.dto.PartnerRequest;
import dev.sightline.partnership.partners.rest.dto.PartnerView;
import dev.sightline.partnership.partners.storage.Partner;
import dev.sightline.partnership.partners.storage.PartnerRepository;
import dev.sightline.partnership.rest.EntityTags;
import dev.sightline.partnership.rest.SearchText;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.Cursor;
import dev.sightline.support.rest.PageSize;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.rest.Slice;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class PartnerService {
    /** The page size of this service's lists when {@code limit} is absent, as the contract says. */
    static final int DEFAULT_PAGE = 50;

    private final PartnerRepository partners;
    private final Jurisdictions jurisdictions;

    PartnerService(PartnerRepository partners, Jurisdictions jurisdictions) {
        this.partners = partners;
        this.jurisdictions = jurisdictions;
    }

    @Transactional
    public PartnerView create(PartnerRequest request, Caller caller) {
        if (partners.existsByLegalName(request.legalName(), request.countryOfIncorporation())) {
            throw duplicate(request);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        apply(partner, request);
        partner.createdAt = now;
        partner.createdBy = caller.id();
        partner.updatedAt = now;
        partner.updatedBy = caller.id();
        partners.persistAndFlush(partner);
        return view(partner);
    }

    /** Replaces the partner's record; {@code ifMatch} must name its current version. */
    @Transactional
    public PartnerView update(UUID id, PartnerRequest request, String ifMatch, Caller caller) {
        Partner partner = partners.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        EntityTags.requireMatch(ifMatch, partner.version, "partner");
        if (partners.existsByLegalNameExcept(request.legalName(), request.countryOfIncorporation(), id)) {
            throw duplicate(request);
        }
        apply(partner, request);
        partner.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        partner.updatedBy = caller.id();
        partners.flush();
        return view(partner);
    }

    public PartnerView find(UUID id) {
        return partners.findByIdOptional(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    public PartnerPage list(String q, String country, String after, String limit) {
        int size = PageSize.of(limit, DEFAULT_PAGE);
        Cursor cursor = Cursor.decode(after);
        Slice<Partner> page = Slice.of(partners.findPage(SearchText.of(q), QueryParams.country("country", country),
                cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), size + 1), size);
        return new PartnerPage(page.map(this::view), page.next(p -> new Cursor(p.createdAt, p.id).encode()));
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

    private PartnerView view(Partner p) {
        return PartnerView.builder().id(p.id).legalName(p.legalName).countryOfIncorporation(p.countryOfIncorporation)
                .headquartersCountry(p.headquartersCountry).parentGroup(p.parentGroup)
                .ownershipNotes(p.ownershipNotes).lei(p.lei).nationalSecurityAccess(p.nationalSecurityAccess)
                .coveredPerson(jurisdictions.isCoveredPerson(p.countryOfIncorporation, p.headquartersCountry))
                .version(p.version).createdAt(p.createdAt).createdBy(p.createdBy).updatedAt(p.updatedAt)
                .updatedBy(p.updatedBy).build();
    }
}
