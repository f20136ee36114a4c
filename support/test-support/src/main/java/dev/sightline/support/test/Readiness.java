package dev.sightline.support.test;

import static io.restassured.RestAssured.given;

/** Waits on the service's {@code /q/health/ready}, as a load balancer would. */
public final class Readiness {
    private Readiness() {
    }

    /** Polls readiness until it is UP ({@code up}) or DOWN; returns how long it took; fails after {@code withinMs}. */
    public static long await(boolean up, long withinMs) throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            int status = given().when().get("/q/health/ready").then().extract().statusCode();
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if ((status == 200) == up) {
                return elapsed;
            }
            if (elapsed > withinMs) {
                throw new AssertionError("readiness not " + (up ? "UP" : "DOWN") + " within " + withinMs + " ms");
            }
            Thread.sleep(100);
        }
    }
}
