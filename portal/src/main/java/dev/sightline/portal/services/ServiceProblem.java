package dev.sightline.portal.services;

import java.util.List;

/**
 * A service answered with an error: its status and the RFC 9457 problem it sent (title, detail and, for invalid
 * input, the fields at fault), or a stand-in when it could not be reached or sent no problem.
 */
public class ServiceProblem extends RuntimeException {
    private final int status;
    private final Problem problem;

    public ServiceProblem(int status, Problem problem) {
        super(status + " " + problem.title());
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    /** The problem body, as far as the portal reads it. */
    public record Problem(String title, String detail, List<FieldError> errors) {
        public Problem {
            errors = errors == null ? List.of() : errors;
        }
    }

    public record FieldError(String field, String message) {
    }
}
