package dev.sightline.portal.web;

import dev.sightline.portal.services.AuditApi;
import dev.sightline.portal.services.DisclosureApi;
import dev.sightline.portal.services.Models.ActivationCheck;
import dev.sightline.portal.services.Models.Disclosure;
import dev.sightline.portal.services.Models.DisclosureRequest;
import dev.sightline.portal.services.Models.Partnership;
import dev.sightline.portal.services.Models.Verdict;
import dev.sightline.portal.services.Models.ViolationItem;
import dev.sightline.portal.services.PartnershipApi;
import dev.sightline.portal.services.ServiceProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The company's own pages: partnerships with their status and what each lacks to go active, violations named by
 * their partnership, and drafting a disclosure. Each service decides what the person may read or do.
 */
@Path("/")
@Authenticated
public class StaffPages {
    /** A partnership in one of these may still be moved along; the page shows what it lacks to go ACTIVE. */
    private static final Set<String> BEFORE_ACTIVE = Set.of("DRAFT", "UNDER_REVIEW", "APPROVED");
    private static final int PAGE = 500;

    private final PartnershipApi partnerships;
    private final AuditApi audit;
    private final DisclosureApi disclosures;

    StaffPages(@RestClient PartnershipApi partnerships, @RestClient AuditApi audit,
            @RestClient DisclosureApi disclosures) {
        this.partnerships = partnerships;
        this.audit = audit;
        this.disclosures = disclosures;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance partnerships(List<PartnershipRow> rows);

        static native TemplateInstance violations(List<ViolationRow> rows);

        static native TemplateInstance draft(DraftForm form, ErrorPages.Failure failure);
    }

    record PartnershipRow(Partnership partnership, ActivationCheck check) {
    }

    /** One violation of a judged entry, named by its partnership's reference and title. */
    record ViolationRow(long seq, Instant occurredAt, String partnership, ViolationItem violation) {
    }

    record DraftForm(String jurisdiction, String periodStartDate, String periodEndDate, boolean provisional) {
        /** The jurisdictions the disclosure-service has templates for. */
        public List<String> choices() {
            return List.of("EU", "CN", "US", "US-CA");
        }
    }

    @GET
    @Path("partnerships")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance partnerships() {
        List<PartnershipRow> rows = new ArrayList<>();
        for (Partnership partnership : allPartnerships()) {
            ActivationCheck check = BEFORE_ACTIVE.contains(partnership.status())
                    ? partnerships.activationCheck(partnership.id()) : null;
            rows.add(new PartnershipRow(partnership, check));
        }
        return Templates.partnerships(rows);
    }

    @GET
    @Path("violations")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance violations() {
        Map<UUID, String> names = new HashMap<>();
        try {
            allPartnerships().forEach(p -> names.put(p.id(), p.reference() + ": " + p.title()));
        } catch (ServiceProblem notAReader) {
            // the names are a courtesy; the violations are the page
        }
        List<ViolationRow> rows = new ArrayList<>();
        Long after = null;
        do {
            var page = audit.violations(after, PAGE);
            for (Verdict verdict : page.items()) {
                String partnership = names.getOrDefault(verdict.partnershipId(), "unknown partnership "
                        + verdict.partnershipId());
                verdict.violations().forEach(v -> rows.add(new ViolationRow(verdict.seq(), verdict.occurredAt(),
                        partnership, v)));
            }
            after = page.next();
        } while (after != null);
        return Templates.violations(rows);
    }

    @GET
    @Path("drafts/new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance newDraft() {
        int year = LocalDate.now().getYear();
        return Templates.draft(new DraftForm("EU", year + "-01-01", (year + 1) + "-01-01", true), null);
    }

    /** Generates a draft; the disclosure-service checks the role, the period and the jurisdiction. */
    @POST
    @Path("drafts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response draft(@RestForm String jurisdiction, @RestForm String periodStartDate,
            @RestForm String periodEndDate, @RestForm String provisional) {
        DraftForm form = new DraftForm(jurisdiction, periodStartDate, periodEndDate, "on".equals(provisional));
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        LocalDate start = date("periodStartDate", periodStartDate, errors);
        LocalDate end = date("periodEndDate", periodEndDate, errors);
        if (!errors.isEmpty()) {
            return refused(form, new ErrorPages.Failure(400, "The period is not valid",
                    "Give both dates as YYYY-MM-DD.", errors));
        }
        try {
            Disclosure created = disclosures.create(new DisclosureRequest(DisclosurePages.blankToNull(jurisdiction),
                    start, end, form.provisional() ? Boolean.TRUE : null));
            return Response.seeOther(URI.create("/disclosures/" + created.id())).build();
        } catch (ServiceProblem e) {
            if (e.status() >= 500 && e.status() != 503) {
                throw e;
            }
            return refused(form, ErrorPages.failure(e));
        }
    }

    private static Response refused(DraftForm form, ErrorPages.Failure failure) {
        return Response.status(failure.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.draft(form, failure).render()).build();
    }

    private static LocalDate date(String field, String value, List<ServiceProblem.FieldError> errors) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new ServiceProblem.FieldError(field, "not a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private List<Partnership> allPartnerships() {
        List<Partnership> all = new ArrayList<>();
        String after = null;
        do {
            var page = partnerships.list(after, PAGE);
            all.addAll(page.items());
            after = page.next();
        } while (after != null);
        return all;
    }
}
