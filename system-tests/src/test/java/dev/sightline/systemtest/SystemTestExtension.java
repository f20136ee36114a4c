package dev.sightline.systemtest;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives a test class the one {@link SystemEnvironment} of this JVM. The environment is kept in JUnit's root store,
 * which closes it (stopping every process) after the last class; a failing test prints where the logs are.
 */
public class SystemTestExtension implements BeforeAllCallback, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SystemTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(SystemEnvironment.class,
                key -> SystemEnvironment.get(), SystemEnvironment.class);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try {
            System.out.println("[system-tests] " + context.getDisplayName() + " failed. " + SystemEnvironment.get().logs());
        } catch (RuntimeException notStarted) {
            System.out.println("[system-tests] " + context.getDisplayName() + " failed; the environment did not start"
                    + " (see the logs in system-tests/target/system)");
        }
    }
}
