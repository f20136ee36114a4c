package dev.sightline.audit;

import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceBasicsTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
class AuditServiceBasicsTest extends ServiceBasicsTest {
    @Override
    protected String module() {
        return "audit-service";
    }
}
