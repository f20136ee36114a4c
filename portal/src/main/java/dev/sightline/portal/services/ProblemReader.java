package dev.sightline.portal.services;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns a service's error answer into a {@link ServiceProblem}, reading its problem body where it sent one. */
public class ProblemReader implements ResponseExceptionMapper<ServiceProblem> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public ServiceProblem toThrowable(Response response) {
        return new ServiceProblem(response.getStatus(), problem(response));
    }

    private static ServiceProblem.Problem problem(Response response) {
        try {
            String body = response.readEntity(String.class);
            ServiceProblem.Problem read = body == null || body.isBlank() ? null
                    : JSON.readValue(body, ServiceProblem.Problem.class);
            if (read != null && read.title() != null) {
                return read;
            }
        } catch (IOException | RuntimeException notAProblem) {
            // a body that is not a problem: the status alone speaks
        }
        return new ServiceProblem.Problem(response.getStatusInfo().getReasonPhrase(), null, null);
    }
}
