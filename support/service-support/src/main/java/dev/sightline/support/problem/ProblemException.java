package dev.sightline.support.problem;

import java.util.List;

/**
 * A failure that the caller caused or must know about, thrown from the service layer and turned
 * into an RFC 9457 response by {@link ProblemMapper}. Factories name the status they mean.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String kind;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "validation", "Invalid request", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return badRequest(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    public static ProblemException conflict(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(409, "conflict", "Conflict", detail, errors);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, "precondition-required", "Precondition required", detail, null);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail, null);
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
