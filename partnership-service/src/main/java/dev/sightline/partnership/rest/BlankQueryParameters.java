package dev.sightline.partnership.rest;

import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter that is present must have a value: {@code ?status=} is a 400 naming it, not a list of
 * everything. Quarkus REST hands a resource {@code ?status=} as null, exactly like an absent parameter, so this is
 * checked on the raw query before any resource runs. Only the search text {@code q} may be empty (an empty search
 * box means no search).
 */
public class BlankQueryParameters {
    private static final Set<String> MAY_BE_EMPTY = Set.of("q");

    @ServerRequestFilter
    public void refuseBlank(UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!MAY_BE_EMPTY.contains(name) && values.stream().anyMatch(v -> v == null || v.isBlank())) {
                errors.add(new FieldError(name, "must not be blank; leave the parameter out instead"));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
    }
}
