package dev.sightline.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real browser (the machine's Chromium, headless, through chromedriver), against the packaged
 * services, the portal and Keycloak's own login page: alice drafts and bob publishes a disclosure through the portal's
 * forms, regina (EU) finds only EU disclosures, reads the new one, verifies it in the browser and downloads its PDF,
 * chen (CN) gets the not-found page for it, and the public page lists it, with its digest and key fingerprint, without
 * sign-in. ivan (staff) sees the partnerships with their status and activation check, and the violations named by
 * their partnership. And a service's Swagger UI signs regina in at Keycloak (authorization code with PKCE, the
 * public client sightline-web) and calls an endpoint that needs her role. Every page is saved as a screenshot
 * in {@code system-tests/target/portal-screenshots}.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT extends SystemTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The browser verification library, once the portal ships it. */
    static final Path VERIFY_SCRIPT = Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath()
            .normalize().resolve("portal/src/main/resources/META-INF/resources/js/verify-disclosure.js");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static WebDriver browser;
    private static Path screenshots;
    private static Path downloads;
    private static int shot;
    /** The EU disclosure alice drafts and bob publishes through the portal. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static UUID published;
    /** The period of alice's draft in words. */
    private static String period;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                        + " .ci/run installs them)");
        screenshots = Path.of(System.getProperty("sightline.screenshots.dir", "target/portal-screenshots"))
                .toAbsolutePath();
        downloads = env().dir().resolve("browser-downloads");
        try (Stream<Path> old = Files.isDirectory(screenshots) ? Files.list(screenshots) : Stream.empty()) {
            old.forEach(file -> file.toFile().delete());
        }
        Files.createDirectories(screenshots);
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in CI has no sandbox to offer; the browser only visits this test's own servers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--lang=en");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(env().dir().resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void thePublicPageNeedsNoSignIn() {
        open("/");
        assertEquals("Public transparency", browser.findElement(By.tagName("h1")).getText());
        assertTrue(text("#scope").contains("Public view"));
        String disclosureKey = keyIdOfTheDisclosureService();
        assertTrue(text("#disclosure-keys").contains(disclosureKey), "the disclosure key's fingerprint is shown");
        // a log that holds nothing yet has a signed checkpoint of size 0
        assertTrue(Long.parseLong(text("#checkpoint-size")) >= 0);
        assertTrue(text("#checkpoint-note").startsWith("sightline.example/audit-log"));
        screenshot("public");
    }

    @Test
    @Order(2)
    void aliceDraftsADisclosureThroughThePortal() {
        activePartnershipInTheEuAndChina();
        signIn("alice");
        open("/drafts/new");
        screenshot("draft-form");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
        select("#jurisdiction", "EU");
        // a date field takes typing in the browser's locale; its value is ISO
        setValue("#periodStartDate", today.minusDays(30).toString());
        setValue("#periodEndDate", today.plusDays(1).toString());
        // the period as the portal words it, in the EU's reporting time zone
        period = DAY.format(today.minusDays(30)) + " – " + DAY.format(today.plusDays(1)) + " (Europe/Brussels)";
        WebElement provisional = browser.findElement(By.id("provisional"));
        if (!provisional.isSelected()) {
            provisional.click();
        }
        // the log may not have a checkpoint the analytics reached yet: the service then says 503, try again
        Polling.until("alice's draft", Duration.ofSeconds(90), Duration.ofSeconds(2), () -> {
            browser.findElement(By.id("generate")).click();
            waitForPage();
            if (browser.getCurrentUrl().matches(".*/disclosures/[0-9a-f-]{36}$")) {
                return true;
            }
            assertTrue(browser.findElements(By.id("problem")).size() == 1, "the draft form shows the problem");
            assertTrue(browser.getPageSource().contains("could not answer"), browser.getPageSource());
            return false;
        });
        published = UUID.fromString(browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1));
        assertEquals("alice", text("#author"));
        assertTrue(browser.getPageSource().contains("Only a disclosure-publisher other than alice may publish it"));
        assertTrue(browser.findElements(By.id("publish")).isEmpty(), "the author gets no publish button");
        screenshot("draft-by-alice");
        signOut();
    }

    @Test
    @Order(3)
    void bobPublishesItWithHisAttestation() {
        Assumptions.assumeTrue(published != null, "needs alice's draft");
        signIn("bob");
        open("/disclosures/" + published);
        assertEquals("alice", text("#author"));
        assertTrue(text("#four-eyes").contains("Draft"));
        screenshot("draft-for-bob");
        type("#name", "Bob Brandt");
        type("#title", "Chief Privacy Officer");
        browser.findElement(By.id("publish")).click();
        waitForPage();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("verify")));
        assertEquals("CURRENT", text("#standing"));
        screenshot("published-by-bob");
        signOut();
    }

    @Test
    @Order(4)
    void reginaSeesOnlyEuDisclosuresAndReadsTheNewOne() {
        Assumptions.assumeTrue(published != null, "needs the published disclosure");
        UUID china = publishedOverAllPartnerships("CN");
        signIn("regina");
        assertTrue(browser.getCurrentUrl().endsWith("/disclosures"), browser.getCurrentUrl());
        assertEquals("Jurisdiction: EU", text("#scope"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#disclosures tbody tr"));
        assertFalse(rows.isEmpty());
        for (WebElement row : rows) {
            assertEquals("EU", row.findElement(By.cssSelector("td")).getText(), row.getText());
        }
        assertFalse(browser.getPageSource().contains(china.toString()), "no CN disclosure in regina's list");
        assertTrue(browser.getPageSource().contains(published.toString()));
        // the publication time in words, the exact instant in its datetime
        Instant publishedAt = Instant.parse(as("regina", SystemEnvironment.DISCLOSURE)
                .get("/api/v1/disclosures/{id}/metadata", published).then().statusCode(200).extract().jsonPath()
                .getString("publishedAt"));
        WebElement when = browser.findElement(By.xpath("//table[@id='disclosures']//tr[.//a[@href='/disclosures/"
                + published + "']]/td[5]/time"));
        assertEquals(publishedAt, Instant.parse(when.getAttribute("datetime")));
        assertTrue(when.getText().matches("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} UTC"), when.getText());
        // the period in the EU's reporting time zone, named, as the disclosure page words it
        String listed = browser.findElement(By.cssSelector("#disclosures a[href='/disclosures/" + published + "']"))
                .getText();
        assertEquals(period, listed);
        screenshot("regina-disclosures");

        open("/disclosures/" + published);
        assertEquals(listed, text("#period"), "the list and the disclosure page word the period alike");
        WebElement disclosure = browser.findElement(By.id("disclosure"));
        assertEquals("/disclosures/" + published + "/files/report.json", disclosure.getAttribute("data-report-url"));
        assertTrue(browser.findElement(By.id("verify")).isDisplayed());
        assertEquals("polite", browser.findElement(By.id("verify-result")).getAttribute("aria-live"));
        assertTrue(browser.getPageSource().contains("src=\"/js/verify-disclosure.js\""));
        assertEquals(keyIdOfTheDisclosureService(), text("#disclosure-key"));
        screenshot("regina-disclosure");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/disclosures/" + published);
        screenshot("regina-disclosure-phone");
        browser.manage().window().setSize(new Dimension(1280, 1600));

        browser.findElement(By.id("download-pdf")).click();
        Path pdf = Polling.await("the downloaded PDF", WAIT, Duration.ofMillis(250), () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".pdf")).findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(startsWith(pdf, "%PDF-"), "a PDF: " + pdf);
    }

    @Test
    @Order(5)
    void reginaVerifiesItInTheBrowserAndATamperedCopyFails() throws IOException {
        Assumptions.assumeTrue(published != null, "needs the published disclosure");
        open("/disclosures/" + published);
        String digest = text("#digest");
        assertEquals(digest, browser.findElement(By.id("disclosure")).getAttribute("data-digest"),
                "the browser checks the digest the page shows");
        String said = verify();
        screenshot("regina-verified");
        assertTrue(said.startsWith("Verified: disclosure " + published + " (EU, version "), said + console());
        assertTrue(said.contains("digest " + digest), said);
        for (String check : List.of("report", "digest", "signature", "checkpoint", "consistency")) {
            assertTrue(said.contains(check + ": passed"), "the " + check + " check ran and passed: " + said);
        }
        assertFalse(said.contains("FAILED") || said.contains("not run"), said);

        try (TamperedCopy copy = TamperedCopy.of(published, cookies())) {
            browser.get(copy.url());
            waitForPage();
            String tampered = verify();
            screenshot("tampered-copy");
            assertTrue(tampered.startsWith("NOT verified: 2 check(s) failed"), tampered + console());
            assertTrue(tampered.contains("digest: FAILED report.json has digest "), tampered);
            assertTrue(tampered.contains("but the disclosure list states " + digest), tampered);
            assertTrue(tampered.contains("signature: FAILED"), tampered);
            // the checkpoint the altered report still carries is genuine
            assertTrue(tampered.contains("checkpoint: passed"), tampered);
        }
    }

    @Test
    @Order(6)
    void chenCannotReachTheEuDisclosure() {
        Assumptions.assumeTrue(published != null, "needs the published disclosure");
        signOut();
        signIn("chen");
        assertEquals("Jurisdiction: CN", text("#scope"));
        assertFalse(browser.getPageSource().contains(published.toString()));
        open("/disclosures/" + published);
        assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
        String forbidden = browser.findElement(By.tagName("main")).getText();
        open("/disclosures/" + UUID.randomUUID());
        assertEquals(forbidden, browser.findElement(By.tagName("main")).getText(),
                "the same page as for an unknown id");
        screenshot("chen-not-found");
        signOut();
    }

    @Test
    @Order(7)
    void thePublicPageListsTheNewDisclosureAndTheCheckpointItCites() {
        Assumptions.assumeTrue(published != null, "needs the published disclosure");
        JsonPath metadata = as("regina", SystemEnvironment.DISCLOSURE)
                .get("/api/v1/disclosures/{id}/metadata", published).then().statusCode(200).extract().jsonPath();
        long cited = metadata.getLong("checkpointSize");
        open("/");
        assertTrue(browser.findElements(By.id("signed-in-as")).isEmpty(), "not signed in");
        assertTrue(Long.parseLong(text("#checkpoint-size")) >= cited, "the public checkpoint extends the cited one");
        // the new disclosure is listed without sign-in, with its digest and its key's fingerprint
        WebElement row = browser.findElement(By.cssSelector("#public-disclosures-EU #disclosure-" + published));
        assertEquals(metadata.getString("digest"), row.findElement(By.cssSelector("[data-field=digest]")).getText());
        assertEquals(metadata.getString("keyId"), row.findElement(By.cssSelector("[data-field=key]")).getText());
        assertEquals(String.valueOf(cited), row.findElement(By.cssSelector("[data-field=checkpoint]")).getText());
        assertEquals("CURRENT", row.findElement(By.cssSelector("[data-field=standing]")).getText());
        assertEquals(period, row.findElement(By.cssSelector("[data-field=period]")).getText(),
                "the period in the EU's reporting time zone, named");
        screenshot("public-after");
    }

    @Test
    @Order(8)
    void ivanSeesPartnershipsWithTheirActivationCheckAndViolationsByName() {
        activePartnershipInTheEuAndChina();
        JsonPath activeOnes = as("ivan", SystemEnvironment.PARTNERSHIP).queryParam("status", "ACTIVE")
                .queryParam("market", "EU").get("/api/v1/partnerships").then().statusCode(200).extract().jsonPath();
        UUID active = UUID.fromString(activeOnes.getString("items[0].id"));
        String name = activeOnes.getString("items[0].reference") + ": " + activeOnes.getString("items[0].title");
        // a draft holding only its name and partner: the activation check lists what it lacks
        UUID draft = newPartnership(newPartner("Portal Draft Partner (" + UUID.randomUUID() + ")"),
                "Portal draft: speech recognition");
        String draftReference = as("ivan", SystemEnvironment.PARTNERSHIP).get("/api/v1/partnerships/{id}", draft)
                .then().statusCode(200).extract().jsonPath().getString("reference");
        // an inference in the partner's cloud breaks the on-device-only policy: a violation of the active one
        long seq = violationOf(active);
        JsonNode judged = Polling.await("the violation of seq " + seq, Duration.ofSeconds(60), Duration.ofMillis(300),
                () -> {
                    for (JsonNode verdict : json(as("ivan", SystemEnvironment.AUDIT).queryParam("partnershipId", active)
                            .queryParam("limit", 500).get("/api/v1/violations").then().statusCode(200).extract()
                            .asString()).path("items")) {
                        if (verdict.path("seq").asLong() == seq) {
                            return Optional.of(verdict);
                        }
                    }
                    return Optional.empty();
                });

        signIn("ivan");
        assertTrue(text("#scope").startsWith("Staff view"), text("#scope"));
        open("/partnerships");
        WebElement draftRow = row("partnerships", draftReference);
        assertEquals("Portal draft: speech recognition", draftRow.findElement(By.cssSelector("td")).getText());
        assertEquals("DRAFT", draftRow.findElement(By.cssSelector(".badge")).getText());
        String check = draftRow.findElement(By.cssSelector("td:last-child")).getText();
        for (String lacking : List.of("aiSystems: must name at least one AI system",
                "features: must name at least one feature", "markets: must name at least one market")) {
            assertTrue(check.contains(lacking), "the activation check says " + lacking + ": " + check);
        }
        WebElement activeRow = row("partnerships", activeOnes.getString("items[0].reference"));
        assertEquals("ACTIVE", activeRow.findElement(By.cssSelector(".badge")).getText());
        assertEquals("—", activeRow.findElement(By.cssSelector("td:last-child")).getText());
        scrollTo(draftRow);
        screenshot("staff-partnerships");

        open("/violations");
        WebElement violation = row("violations", String.valueOf(seq));
        List<WebElement> cells = violation.findElements(By.cssSelector("td"));
        assertEquals(name, cells.get(1).getText(), "named by reference and title");
        assertEquals("MODE_NOT_ALLOWED", cells.get(2).getText());
        WebElement occurred = cells.get(0).findElement(By.tagName("time"));
        assertEquals(Instant.parse(judged.path("occurredAt").asText()),
                Instant.parse(occurred.getAttribute("datetime")), "the exact instant is kept");
        assertTrue(occurred.getText().matches("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} UTC"), occurred.getText());
        assertFalse(browser.findElement(By.id("violations")).getText().contains(active.toString()),
                "no bare partnership id");
        scrollTo(violation);
        screenshot("staff-violations");
        signOut();
    }

    @Test
    @Order(9)
    void swaggerUiSignsInAtKeycloakAndCallsAnEndpointThatNeedsARole() {
        signOut();
        String service = env().url(SystemEnvironment.DISCLOSURE);
        browser.get(service + SystemEnvironment.SWAGGER_UI);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".auth-wrapper button.authorize")));
        // the security scheme names this run's Keycloak (SIGHTLINE_OPENAPI_OPENID_CONNECT_URL): its authorization
        // code flow alone
        browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        By codeFlow = By.xpath("//div[contains(@class,'auth-container')][.//h4[contains(., "
                + "'authorizationCode with PKCE')]]");
        WebElement flow = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(codeFlow));
        // the one flow the public client may use, no password, client credentials or implicit grant beside it
        assertEquals(1, browser.findElements(By.xpath("//div[contains(@class,'auth-container')][.//h4[contains(., "
                + "'OAuth2')]]")).size(), "one sign-in flow offered");
        assertTrue(flow.getText().contains(env().keycloak().issuer(Keycloak.REALM) + "/protocol/openid-connect/auth"),
                "this run's realm, as SIGHTLINE_OPENAPI_OPENID_CONNECT_URL names it: " + flow.getText());
        assertEquals("sightline-web", flow.findElement(By.cssSelector("input[id^=client_id]")).getAttribute("value"));
        scrollTo(flow);
        screenshot("swagger-ui-authorize");
        String swaggerUi = browser.getWindowHandle();
        flow.findElement(By.cssSelector("button.authorize")).click();
        // Keycloak's login page opens in a window of its own, which closes itself on the way back
        String login = new WebDriverWait(browser, WAIT).until(d -> d.getWindowHandles().stream()
                .filter(handle -> !handle.equals(swaggerUi)).findFirst().orElse(null));
        browser.switchTo().window(login);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(env().keycloak().issuer(Keycloak.REALM)
                + "/protocol/openid-connect/auth?"), browser.getCurrentUrl());
        assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE");
        screenshot("swagger-ui-keycloak-login");
        type("#username", "regina");
        type("#password", "regina");
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getWindowHandles().size() == 1);
        browser.switchTo().window(swaggerUi);
        WebElement authorized = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                codeFlow, By.xpath(".//h6[.='Authorized']")));
        scrollTo(authorized);
        screenshot("swagger-ui-authorized");
        browser.findElement(By.cssSelector(".modal-ux button.close-modal")).click();

        // GET /api/v1/disclosures: a role is needed (regina is a regulator), the token goes with it
        WebElement operation = browser.findElement(By.xpath("//div[contains(@class,'opblock-get')][.//*[contains("
                + "@class,'opblock-summary-path') and @data-path='/api/v1/disclosures']]"));
        scrollTo(operation);
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
                operation.findElement(By.cssSelector("button.try-out__btn")))).click();
        operation.findElement(By.cssSelector("button.execute")).click();
        WebElement status = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                operation, By.cssSelector(".live-responses-table .response .response-col_status")));
        String body = operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
                .getText();
        assertEquals("200", status.getText().strip(), body);
        assertTrue(operation.findElement(By.cssSelector(".request-url, .curl")).getText().contains("/api/v1/disclosures"));
        assertTrue(operation.findElement(By.cssSelector(".curl")).getText().contains("Authorization: Bearer "),
                "the request carried the signed-in person's token");
        assertTrue(body.contains("\"items\""), body);
        if (published != null) {
            assertTrue(body.contains(published.toString()), "regina's list holds the EU disclosure: " + body);
        }
        scrollTo(status);
        screenshot("swagger-ui-200");
        signOut();
    }

    /**
     * A disclosure covers the partnerships active in its jurisdiction's markets: when this class runs alone, the
     * story's partnership (CN and EU) is made here, submitted and activated by alice and approved by bob.
     */
    private static void activePartnershipInTheEuAndChina() {
        boolean active = !as("ivan", SystemEnvironment.PARTNERSHIP).queryParam("status", "ACTIVE")
                .queryParam("market", "EU").get("/api/v1/partnerships").then().statusCode(200).extract().jsonPath()
                .getList("items").isEmpty();
        if (active) {
            return;
        }
        Story.partnerId = newPartner("Nimbus Cloud Intelligence (" + UUID.randomUUID() + ")");
        Response created = as("alice", SystemEnvironment.PARTNERSHIP)
                .body(SightlineStoryIT.partnershipRequest().toString()).post("/api/v1/partnerships");
        created.then().statusCode(201);
        Story.partnershipId = UUID.fromString(created.jsonPath().getString("id"));
        for (String[] step : List.of(new String[] { "alice", "UNDER_REVIEW" }, new String[] { "bob", "APPROVED" },
                new String[] { "alice", "ACTIVE" })) {
            as(step[0], SystemEnvironment.PARTNERSHIP).body(JSON.createObjectNode().put("to", step[1])
                    .put("reason", "System test").toString())
                    .post("/api/v1/partnerships/{id}/transitions", Story.partnershipId).then().statusCode(200);
        }
    }

    /** A disclosure of the jurisdiction over the partnerships it covers, drafted by alice and published by bob. */
    private static UUID publishedOverAllPartnerships(String jurisdiction) {
        ObjectNode request = JSON.createObjectNode().put("jurisdiction", jurisdiction)
                .put("periodStartDate", LocalDate.now().minusDays(30).toString())
                .put("periodEndDate", LocalDate.now().plusDays(2).toString()).put("provisional", true);
        Response created = Polling.await("a draft " + jurisdiction + " disclosure",
                Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
                    Response response = as("alice", SystemEnvironment.DISCLOSURE)
                            .body(request.toString()).post("/api/v1/disclosures");
                    return response.statusCode() == 503 ? Optional.empty() : Optional.of(response);
                });
        created.then().statusCode(201);
        UUID id = UUID.fromString(created.jsonPath().getString("id"));
        as("bob", SystemEnvironment.DISCLOSURE).body(ATTESTATION).post("/api/v1/disclosures/{id}/publish", id).then()
                .statusCode(200);
        return id;
    }

    /** A PARTNER_CLOUD inference of the partnership by its gateway, outside an on-device-only policy; its seq. */
    private static long violationOf(UUID partnership) {
        byte[] subject = new byte[32];
        ThreadLocalRandom.current().nextBytes(subject);
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", Instant.now().toString());
        event.put("partnershipId", partnership.toString());
        event.putObject("actor").put("type", "PARTNER_SYSTEM").put("id", "nimbus-lm-cloud");
        event.put("action", "INFERENCE");
        event.put("feature", "assistant");
        event.putArray("dataCategories").add("user.content.voice");
        event.put("recordCount", 1);
        event.put("subjectRef", "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(subject));
        event.putObject("processing").put("mode", "PARTNER_CLOUD").put("country", "CN");
        event.put("purpose", "voice-assistance");
        event.put("outcome", "ALLOWED");
        return as(Identity.GATEWAY, SystemEnvironment.AUDIT).body(event.toString()).post("/api/v1/events").then()
                .statusCode(201).extract().jsonPath().getLong("seq");
    }

    // ---- the browser

    private static String portal() {
        return env().url(SystemEnvironment.PORTAL);
    }

    private static void open(String path) {
        browser.get(portal() + path);
        waitForPage();
    }

    private static void waitForPage() {
        new WebDriverWait(browser, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d)
                .executeScript("return document.readyState")));
    }

    /** Signs in through Keycloak's own login page. */
    private static void signIn(String user) {
        open("/sign-in");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        screenshotOnce("keycloak-login");
        type("#username", user);
        type("#password", user);
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().startsWith(portal()));
        waitForPage();
        assertEquals(user, text("#signed-in-as"));
    }

    /** Forgets the portal's session and Keycloak's: the cookies of each, deleted where their paths reach. */
    private static void signOut() {
        open("/");
        browser.manage().deleteAllCookies();
        browser.get(env().keycloak().issuer(Keycloak.REALM) + "/.well-known/openid-configuration");
        browser.manage().deleteAllCookies();
    }

    /** Presses "Verify in this browser" and waits for the verdict; returns the result region's text. */
    private static String verify() {
        browser.findElement(By.id("verify")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#verify-result .verify-verdict")));
        return browser.findElement(By.id("verify-result")).getText();
    }

    /** What the page wrote to the browser's console, for a failure's message. */
    private static String console() {
        StringBuilder lines = new StringBuilder("\nbrowser console:");
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            lines.append("\n").append(entry.getLevel()).append(' ').append(entry.getMessage());
        }
        return lines.toString();
    }

    private static Map<String, String> cookies() {
        Map<String, String> cookies = new ConcurrentHashMap<>();
        for (Cookie cookie : browser.manage().getCookies()) {
            cookies.put(cookie.getName(), cookie.getValue());
        }
        return cookies;
    }

    /** The row of a table whose header cell says the key. */
    private static WebElement row(String table, String key) {
        return browser.findElement(By.xpath("//table[@id='" + table + "']/tbody/tr[th[normalize-space()='" + key
                + "']]"));
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void type(String css, String value) {
        WebElement field = browser.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(value);
    }

    private static void setValue(String css, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.cssSelector(css)), value);
    }

    private static void select(String css, String value) {
        new Select(browser.findElement(By.cssSelector(css))).selectByValue(value);
    }

    private static void screenshot(String name) {
        write(screenshots.resolve(String.format("%02d-%s.png", ++shot, name)),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static boolean loginShot;

    private static void screenshotOnce(String name) {
        if (!loginShot) {
            loginShot = true;
            screenshot(name);
        }
    }

    private static String keyIdOfTheDisclosureService() {
        return anonymous(SystemEnvironment.DISCLOSURE).get("/api/v1/keys").then().statusCode(200).extract()
                .jsonPath().getString("keys[0].kid");
    }

    private static boolean startsWith(Path file, String prefix) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, 0, Math.min(bytes.length, prefix.length()), StandardCharsets.ISO_8859_1)
                    .equals(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a disclosure's page on another origin, served by this test: the page, the browser library and every
     * file it verifies as the portal serves them, except the report, whose first figure is changed. Verification
     * must fail there and say which check failed.
     */
    static final class TamperedCopy implements AutoCloseable {
        private final HttpServer server;

        private TamperedCopy(HttpServer server) {
            this.server = server;
        }

        static TamperedCopy of(UUID id, Map<String, String> cookies) throws IOException {
            String base = "/disclosures/" + id;
            Map<String, byte[]> files = new ConcurrentHashMap<>();
            Map<String, String> types = new ConcurrentHashMap<>();
            String page = fetch(base, cookies, "text/html");
            files.put(base, page.getBytes(StandardCharsets.UTF_8));
            types.put(base, "text/html; charset=utf-8");
            for (String attribute : List.of("data-jws-url", "data-keys-url", "data-checkpoint-url", "data-log-key-url",
                    "data-previous-url")) {
                String url = attribute(page, attribute);
                // the previous disclosure may be one the regulator no longer sees (superseded): then the copy has none
                Response served = url.isEmpty() ? null
                        : given().baseUri(portal()).cookies(cookies).get(url);
                if (served != null && served.statusCode() == 200) {
                    files.put(url, served.asByteArray());
                    types.put(url, url.endsWith(".txt") ? "text/plain; charset=utf-8" : "application/json");
                }
            }
            ObjectNode report = (ObjectNode) json(fetch(base + "/files/report.json", cookies, null));
            report.put("title", report.path("title").asText() + " (altered)");
            files.put(base + "/files/report.json", report.toString().getBytes(StandardCharsets.UTF_8));
            types.put(base + "/files/report.json", "application/json");
            Path js = VERIFY_SCRIPT.getParent();
            try (Stream<Path> scripts = Files.list(js)) {
                for (Path script : scripts.filter(f -> f.toString().endsWith(".js")).toList()) {
                    files.put("/js/" + script.getFileName(), Files.readAllBytes(script));
                    types.put("/js/" + script.getFileName(), "text/javascript");
                }
            }
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = files.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", types.get(exchange.getRequestURI().getPath()));
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            files.put("/css/portal.css", fetch("/css/portal.css", Map.of(), null).getBytes(StandardCharsets.UTF_8));
            types.put("/css/portal.css", "text/css");
            return new TamperedCopy(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/disclosures/"
                    + PortalBrowserIT.published;
        }

        private static String fetch(String path, Map<String, String> cookies, String accept) {
            return given().baseUri(portal()).cookies(cookies).header("Accept", accept == null ? "*/*" : accept)
                    .get(path).then().statusCode(200).extract().asString();
        }

        private static String attribute(String page, String name) {
            int at = page.indexOf(name + "=\"");
            if (at < 0) {
                return "";
            }
            int start = at + name.length() + 2;
            return page.substring(start, page.indexOf('"', start));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
