package dev.sightline.portal.web;

import dev.sightline.portal.services.DisclosureApi;
import dev.sightline.portal.services.Models.Attestation;
import dev.sightline.portal.services.Models.Disclosure;
import dev.sightline.portal.services.Models.PublishRequest;
import dev.sightline.portal.services.ServiceProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Disclosures as the signed-in person may see them (the disclosure-service decides: a regulator gets the published
 * ones of its jurisdictions, staff every one): the list, each report as a page made from its one report.json, its
 * files as served, and publishing a draft with the publisher's attestation.
 */
@Path("/disclosures")
@Authenticated
public class DisclosurePages {
    /** The files of a disclosure, downloaded as the service serves them. */
    static final Set<String> FILES = Set.of("report.json", "report.json.jws", "report.csv", "report.pdf",
            "manifest.json", "manifest.json.jws");
    private static final int PAGE = 500;

    private final DisclosureApi disclosures;
    private final Viewer viewer;

    DisclosurePages(@RestClient DisclosureApi disclosures, Viewer viewer) {
        this.disclosures = disclosures;
        this.viewer = viewer;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance disclosures(List<Disclosure> items);

        static native TemplateInstance disclosure(Disclosure disclosure, ReportView report, Urls urls,
                Publishing publishing, ErrorPages.Failure failure);
    }

    /** Where the page's downloads and the browser's verification read from: all served by the portal. */
    record Urls(String report, String jws, String keys, String checkpoint, String logKey, String previous,
            String csv, String pdf, String manifest, String manifestJws, String checkpointNote) {
        static Urls of(UUID id, String previous) {
            String files = "/disclosures/" + id + "/files/";
            return new Urls(files + "report.json", files + "report.json.jws", "/public/disclosure-keys.json",
                    "/public/checkpoint.txt", "/public/log-keys.json",
                    previous == null ? "" : "/disclosures/" + previous + "/files/report.json",
                    files + "report.csv", files + "report.pdf", files + "manifest.json", files + "manifest.json.jws",
                    "/disclosures/" + id + "/checkpoint.txt");
        }
    }

    /** The four-eyes rule as the page shows it: who authored the draft, and whether this person may publish it. */
    record Publishing(String author, boolean draft, boolean mayPublish, String why) {
        static Publishing of(Disclosure disclosure, Viewer viewer) {
            boolean draft = "DRAFT".equals(disclosure.status());
            if (!draft) {
                return new Publishing(disclosure.authoredBy(), false, false, "");
            }
            if (!viewer.publisher()) {
                return new Publishing(disclosure.authoredBy(), true, false, "Only a disclosure-publisher other than "
                        + disclosure.authoredBy() + " may publish it.");
            }
            if (viewer.name().equals(disclosure.authoredBy())) {
                return new Publishing(disclosure.authoredBy(), true, false, "You authored this draft: another "
                        + "disclosure-publisher must publish it (four eyes).");
            }
            return new Publishing(disclosure.authoredBy(), true, true, "You may publish it: you are a "
                    + "disclosure-publisher and did not author it.");
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        List<Disclosure> items = new ArrayList<>();
        String after = null;
        do {
            var page = disclosures.list(null, null, after, PAGE);
            items.addAll(page.items());
            after = page.next();
        } while (after != null);
        // what counts now first, then the newest
        items.sort(Comparator.comparing((Disclosure d) -> !d.current())
                .thenComparing(d -> "DRAFT".equals(d.status()) ? 0 : 1)
                .thenComparing(Disclosure::periodEnd, Comparator.reverseOrder())
                .thenComparing(Disclosure::createdAt, Comparator.reverseOrder()));
        return Templates.disclosures(items);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance disclosure(@PathParam("id") String id) {
        return page(uuid(id), null);
    }

    private TemplateInstance page(UUID id, ErrorPages.Failure failure) {
        Disclosure disclosure = disclosures.metadata(id);
        ReportView report = ReportView.of(disclosures.file(id, "report.json").getEntity());
        return Templates.disclosure(disclosure, report, Urls.of(id, readablePrevious(report.previousDisclosureId())),
                Publishing.of(disclosure, viewer), failure);
    }

    /**
     * The previous disclosure the report names, when this person may read it: a regulator sees only PUBLISHED ones,
     * and the one before may since have been superseded or withdrawn. Without it the browser still checks the
     * consistency proof the report carries, only not the previous report itself.
     */
    private String readablePrevious(String previous) {
        if (previous == null) {
            return null;
        }
        try {
            disclosures.metadata(UUID.fromString(previous));
            return previous;
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** A file of the disclosure, byte for byte and with the media type and name the service gave it. */
    @GET
    @Path("{id}/files/{file}")
    public Response file(@PathParam("id") String id, @PathParam("file") String file) {
        if (!FILES.contains(file)) {
            throw new NotFoundException();
        }
        RestResponse<byte[]> served = disclosures.file(uuid(id), file);
        Response.ResponseBuilder response = Response.ok(served.getEntity(), served.getMediaType());
        String disposition = served.getHeaderString("Content-Disposition");
        response.header("Content-Disposition", disposition != null ? disposition
                : "attachment; filename=\"" + file + "\"");
        String digest = served.getHeaderString("Digest-SHA256");
        if (digest != null) {
            response.header("Digest-SHA256", digest);
        }
        return response.build();
    }

    /** The signed checkpoint the report's figures cover, with its cosignature lines, as a note file. */
    @GET
    @Path("{id}/checkpoint.txt")
    public Response checkpoint(@PathParam("id") String id) {
        UUID disclosure = uuid(id);
        ReportView report = ReportView.of(disclosures.file(disclosure, "report.json").getEntity());
        return Response.ok(report.checkpointNote(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-" + disclosure + ".txt\"")
                .build();
    }

    /** Publishes a draft with the publisher's attestation; the service enforces the role and the four-eyes rule. */
    @POST
    @Path("{id}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response publish(@PathParam("id") String id, @RestForm String name, @RestForm String title,
            @RestForm String statement) {
        UUID disclosure = uuid(id);
        try {
            disclosures.publish(disclosure, new PublishRequest(new Attestation(blankToNull(name), blankToNull(title),
                    blankToNull(statement))));
        } catch (ServiceProblem e) {
            if (e.status() == 404 || e.status() >= 500) {
                throw e;
            }
            ErrorPages.Failure failure = ErrorPages.failure(e);
            return Response.status(failure.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(page(disclosure, failure).render()).build();
        }
        return Response.seeOther(URI.create("/disclosures/" + disclosure)).build();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
