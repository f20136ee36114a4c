package dev.sightline.verifier.cli;

/** A check failed; the message is the reason printed after {@code FAIL <check>:} and names the input at fault. */
final class CheckFailure extends Exception {

    private static final long serialVersionUID = 1L;

    CheckFailure(String message) {
        super(message);
    }
}
