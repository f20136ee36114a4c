package dev.sightline.portal.web;

import dev.sightline.portal.services.AuditApi;
import dev.sightline.portal.services.DisclosureApi;
import dev.sightline.portal.services.Models.Checkpoint;
import dev.sightline.portal.services.Models.PublicDisclosure;
import dev.sightline.portal.services.Models.PublicDisclosurePage;
import dev.sightline.portal.services.ServiceProblem;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What anyone may read without signing in: the published disclosures' metadata per jurisdiction and period, with
 * their digests and key fingerprints; the keys that sign disclosures and checkpoints, with their fingerprints; and the
 * audit log's newest checkpoint with its witnesses' cosignatures; and the same files as served, for the
 * browser's verification. A service that cannot be reached leaves its part of the page saying so.
 */
@Path("/")
public class PublicPages {
    private static final int PAGE = 500;

    private final DisclosureApi disclosures;
    private final AuditApi audit;

    PublicPages(@RestClient DisclosureApi disclosures, @RestClient AuditApi audit) {
        this.disclosures = disclosures;
        this.audit = audit;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance transparency(Transparency page);
    }

    /** The public page's content; a part that could not be read is null, with what went wrong beside it. */
    record Transparency(List<Jurisdiction> disclosures, String disclosuresError,
            List<Fingerprints.KeyRow> disclosureKeys, String disclosureKeysError,
            List<Fingerprints.KeyRow> logKeys, String logKeysError, Checkpoint checkpoint, String checkpointError) {
    }

    /** A jurisdiction's published disclosures, the latest period first and, within a period, the latest version. */
    record Jurisdiction(String name, List<PublicDisclosure> disclosures) {
        static List<Jurisdiction> of(List<PublicDisclosure> all) {
            Map<String, List<PublicDisclosure>> byJurisdiction = new TreeMap<>();
            for (PublicDisclosure d : all) {
                byJurisdiction.computeIfAbsent(d.jurisdiction(), j -> new ArrayList<>()).add(d);
            }
            return byJurisdiction.entrySet().stream().map(e -> new Jurisdiction(e.getKey(), e.getValue().stream()
                    .sorted(Comparator.comparing(PublicDisclosure::periodEnd, Comparator.reverseOrder())
                            .thenComparing(PublicDisclosure::periodStart, Comparator.reverseOrder())
                            .thenComparing(PublicDisclosure::version, Comparator.reverseOrder()))
                    .toList())).toList();
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance transparency() {
        Read<List<Fingerprints.KeyRow>> disclosureKeys = read("disclosure keys",
                () -> Fingerprints.of(disclosures.keys()));
        Read<List<Fingerprints.KeyRow>> logKeys = read("log keys", () -> Fingerprints.of(audit.keys()));
        Read<Checkpoint> checkpoint = read("checkpoint", audit::latestCheckpoint);
        Read<List<Jurisdiction>> published = read("disclosures", () -> Jurisdiction.of(publishedDisclosures()));
        return Templates.transparency(new Transparency(published.value(), published.error(),
                disclosureKeys.value(), disclosureKeys.error(),
                logKeys.value(), logKeys.error(), checkpoint.value(), checkpoint.error()));
    }

    private List<PublicDisclosure> publishedDisclosures() {
        List<PublicDisclosure> all = new ArrayList<>();
        String after = null;
        do {
            PublicDisclosurePage page = disclosures.publicList(after, PAGE);
            all.addAll(page.items());
            after = page.next();
        } while (after != null);
        return all;
    }

    /** Where the sign-in link leads: Keycloak's login, then the disclosures. */
    @GET
    @Path("sign-in")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create("/disclosures")).build();
    }

    @GET
    @Path("public/disclosure-keys.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String disclosureKeys() {
        return disclosures.keys();
    }

    @GET
    @Path("public/log-keys.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String logKeys() {
        return audit.keys();
    }

    @GET
    @Path("public/checkpoint.txt")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String checkpoint() {
        return audit.checkpointNote();
    }

    private record Read<T>(T value, String error) {
    }

    private static <T> Read<T> read(String what, Supplier<T> call) {
        try {
            return new Read<>(call.get(), null);
        } catch (ServiceProblem e) {
            Log.warnf("The public %s could not be read: %s", what, e.getMessage());
            return new Read<>(null, "could not be read just now (" + e.problem().title() + ")");
        } catch (ProcessingException e) {
            Log.warnf("The public %s could not be read: %s", what, e.getMessage());
            return new Read<>(null, "could not be read just now (the service does not answer)");
        }
    }
}
