package dev.sightline.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.Response;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper(() -> true);

    @Test
    void internalErrorsRevealNeitherClassNorMessageButCarryACorrelationId() {
        Response response = mapper.internal(new IllegalStateException("password=hunter2 at db.internal:5432"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertNotNull(problem.correlationId());
        String shown = problem.toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertFalse(shown.contains("IllegalStateException"), shown);
    }

    @Test
    void domainProblemsKeepTheirStatusAndListTheirErrors() {
        Response response = mapper.problem(ProblemException.invalidField("processing.country", "must be a country"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(400, problem.status());
        assertEquals("processing.country", problem.errors().get(0).field());
        assertEquals("processing.country: must be a country", problem.detail());
        assertNull(problem.correlationId());
    }

    @Test
    void conflictsCarryNoErrorListWhenNoneIsGiven() {
        Problem problem = (Problem) mapper.problem(ProblemException.conflict("already there")).getEntity();
        assertEquals(409, problem.status());
        assertNull(problem.errors());
        assertEquals(Problem.TYPE_PREFIX + "conflict", problem.type());
    }

    @Test
    void anUnreachableDatabaseIsA503ToRetryNotAnInternalError() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        Response response = mapper.internal(new IllegalStateException("Unable to acquire JDBC Connection", refused));
        Problem problem = (Problem) response.getEntity();
        assertEquals(503, response.getStatus());
        assertEquals("2", response.getHeaderString("Retry-After"));
        assertEquals(Problem.TYPE_PREFIX + "unavailable", problem.type());
        assertNull(problem.correlationId());
        assertEquals(503, mapper.internal(new IllegalStateException(
                new SQLException("Sorry, acquisition timeout!"))).getStatus());
        assertEquals(503, mapper.internal(new RuntimeException(new SQLException("An I/O error occurred", "08006",
                new SocketTimeoutException("Read timed out")))).getStatus());
    }

    @Test
    void anyFailureWhileTheDatabaseIsDownIsA503() {
        ProblemMapper down = new ProblemMapper(() -> false);
        assertEquals(503, down.internal(new IllegalStateException("relation does not exist")).getStatus());
        assertEquals(500, mapper.internal(new SQLException("relation does not exist", "42P01")).getStatus());
    }
}
