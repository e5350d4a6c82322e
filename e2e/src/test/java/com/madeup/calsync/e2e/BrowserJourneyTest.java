package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in real Chromium against the stack {@code ./run-local.sh} started: the demo user signs
 * in, connects the emulator's Google account on its consent page, picks calendars, sees the synced
 * events, creates an event with invitees, edits and deletes it (each applied at the emulator by the real
 * outbound-writer), watches changes made at Google arrive on the open page without a reload (push →
 * webhook-ingress → Kafka → sync-worker → dashboard), and opens an event whose text carries a script.
 * Writes the screenshots in {@code docs/screenshots/}.
 *
 * <p>Runs after {@link WalkthroughTest}, which leaves the demo user connected: then the journey
 * disconnects on the calendars page first and reconnects through the consent page (on a fresh stack it
 * connects straight away).
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class BrowserJourneyTest {

    private static final String DEMO_USER = "demo@madeup.example";
    private static final String DEMO_PASSWORD = "demo";
    private static final String GOOGLE_ACCOUNT = "demo@madeup.example";
    private static final String PRIMARY = "demo@madeup.example";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Sync and push through four processes on a busy 2-core machine. */
    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(90);

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private final RunningStack stack;
    private final Emulator emulator;
    private final DashboardSession api;
    private final Path screenshots;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String summary = "Browser kickoff " + tag;

    private Playwright playwright;
    private BrowserContext browser;
    private Path profile;
    private Page page;
    private String googleToken;
    private long createdId;
    private String createdProviderId;

    BrowserJourneyTest(RunningStack stack) {
        this.stack = stack;
        this.emulator = new Emulator(stack.emulatorUrl());
        // The read API (HTTP Basic) finds the row and provider ids of what the browser created.
        this.api = new DashboardSession(stack.dashboardUrl(), DEMO_USER, DEMO_PASSWORD);
        this.screenshots = stack.repoRoot().resolve("docs/screenshots");
    }

    @BeforeAll
    void startChromium() throws IOException {
        Files.createDirectories(screenshots);
        profile = Files.createTempDirectory("calsync-e2e-chromium-");
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launchPersistentContext(
                        profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(Path.of("/usr/bin/chromium"))
                                .setHeadless(true)
                                .setViewportSize(1280, 900)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync")));
        browser.setDefaultTimeout(PAGE_WAIT.toMillis());
        browser.setDefaultNavigationTimeout(PAGE_WAIT.toMillis());
        page = browser.newPage();
    }

    @AfterAll
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void signInAsTheDemoUser() {
        page.navigate(stack.dashboardUrl() + "/calendar");
        assertThat(page.url()).endsWith("/login");
        screenshot("sign-in.png", false);

        page.fill("input[name=username]", DEMO_USER);
        page.fill("input[name=password]", DEMO_PASSWORD);
        page.click("main button[type=submit]");
        // Back to the page asked for first (Spring Security appends "?continue" to a saved request).
        page.waitForURL(url -> url.startsWith(stack.dashboardUrl() + "/calendar"));
        assertThat(page.textContent("body")).contains("Demo User").contains("Sign out");
    }

    @Test
    @Order(2)
    void connectTheEmulatorsGoogleAccountOnItsConsentPage() {
        page.navigate(stack.dashboardUrl() + "/calendars");
        if (page.locator("#connect-google").count() == 0) {
            // Connected by an earlier test class: disconnect (revoke) first, then reconnect.
            page.click("text=Disconnect Google");
            assertThat(page.textContent(".notice")).contains("stay visible read-only");
        }
        page.locator("a[href='/connect/google']").first().click();

        page.waitForURL(url -> url.startsWith(stack.emulatorUrl() + "/o/oauth2/v2/auth"));
        assertThat(page.textContent("h1")).isEqualTo("Choose an account");
        assertThat(page.url()).contains("code_challenge_method=S256").contains("state=");
        page.check("input[name=account][value='" + GOOGLE_ACCOUNT + "']");
        page.click("#allow");

        page.waitForURL(url -> url.startsWith(stack.dashboardUrl() + "/calendars?connected"));
        assertThat(page.textContent("main"))
                .contains(GOOGLE_ACCOUNT)
                .contains("Team Planning")
                .contains("Company Holidays")
                .contains("reader (read-only)");
    }

    @Test
    @Order(3)
    void pickCalendarsAndSeeTheirEventsOnTheCalendarView() {
        page.getByLabel("Demo User").check();
        page.getByLabel("Team Planning").check();
        page.getByLabel("Company Holidays").uncheck();
        page.click("#pick-calendars button[type=submit]");
        assertThat(page.textContent(".notice")).contains("calendar(s)");
        assertThat(page.getByLabel("Team Planning").isChecked()).isTrue();
        assertThat(page.getByLabel("Company Holidays").isChecked()).isFalse();

        // The demo seed has a standup every weekday of the current week on the primary calendar and a
        // weekly "Planning sync" on Team Planning; the worker's sync fills the view.
        await("the picked calendars' events on the week view")
                .atMost(PIPELINE_WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    page.navigate(stack.dashboardUrl() + "/calendar");
                    String week = page.textContent("#live-region");
                    return week.contains("Team standup") && week.contains("Planning sync");
                });
        // Last synced times fill in on the calendars page once the full sync is done.
        page.navigate(stack.dashboardUrl() + "/calendars");
        screenshot("calendars.png", true);
        page.navigate(stack.dashboardUrl() + "/calendar");
        screenshot("calendar-week.png", true);
        page.navigate(stack.dashboardUrl() + "/calendar?view=month");
        assertThat(page.textContent("#live-region")).contains("Team standup");
        screenshot("calendar-month.png", true);
        page.navigate(stack.dashboardUrl() + "/calendars_event");
        assertThat(page.textContent("#live-region")).contains("Team standup");
        screenshot("event-list.png", false);
    }

    @Test
    @Order(4)
    void createAnEventWithInviteesAndSeeItAppliedAtGoogle() {
        LocalDate day = LocalDate.now(BERLIN).plusDays(2);
        page.navigate(stack.dashboardUrl() + "/calendars_event/new");
        assertThat(page.locator("#calendarId option").allTextContents())
                .as("writable picked calendars only")
                .containsExactlyInAnyOrder("Demo User", "Team Planning");
        page.selectOption("#calendarId", new SelectOption().setLabel("Demo User"));
        page.fill("#summary", summary);
        page.fill("#location", "Room 4");
        page.fill("#description", "Agenda: scope, people, dates");
        page.fill("#startDate", day.toString());
        page.fill("#startTime", "10:00");
        page.fill("#endDate", day.toString());
        page.fill("#endTime", "11:00");
        page.selectOption("#timeZone", "Europe/Berlin");
        page.selectOption("#inviteeIds", new SelectOption[] {
            new SelectOption().setLabel("Alice Adams <alice.adams@madeup.example>"),
            new SelectOption().setLabel("Bob Brown <bob.brown@madeup.example>")
        });
        page.selectOption("#matterId", new SelectOption().setIndex(1));
        screenshot("event-form.png", true);
        page.click("#event-form button[type=submit]");

        awaitCommandOutcome("applied", "command-applied.png");
        // Minted after the (re)connect, whose disconnect revoked the account's earlier tokens.
        googleToken = emulator.accessToken(GOOGLE_ACCOUNT);
        JsonNode row = awaitApiEvent(summary);
        createdId = row.get("id").asLong();
        createdProviderId = row.get("providerEventId").asString();
        JsonNode atGoogle = emulator.event(googleToken, PRIMARY, createdProviderId);
        assertThat(atGoogle).as("the event at the emulator").isNotNull();
        assertThat(atGoogle.get("summary").asString()).isEqualTo(summary);
        assertThat(atGoogle.get("location").asString()).isEqualTo("Room 4");
        assertThat(atGoogle.at("/start/dateTime").asString()).contains(day + "T10:00:00");
        assertThat(atGoogle.get("attendees").findValuesAsString("email"))
                .contains("alice.adams@madeup.example", "bob.brown@madeup.example");
        assertThat(atGoogle.at("/extendedProperties/private").size())
                .as("the matter link")
                .isPositive();

        page.navigate(stack.dashboardUrl() + "/calendars_event/" + createdId);
        assertThat(page.textContent("#event-summary")).isEqualTo(summary);
        assertThat(page.textContent("main")).contains("Alice Adams").contains("Bob Brown");
    }

    @Test
    @Order(5)
    void editTheEventAndSeeTheChangeAtGoogle() {
        page.navigate(stack.dashboardUrl() + "/calendars_event/" + createdId);
        page.click("#edit-event");
        page.waitForURL(url -> url.endsWith("/calendars_event/" + createdId + "/edit"));
        assertThat(page.inputValue("#summary")).isEqualTo(summary);
        page.fill("#summary", summary + " (moved)");
        page.fill("#location", "Room 7");
        page.fill("#startTime", "14:00");
        page.fill("#endTime", "15:30");
        page.click("#event-form button[type=submit]");

        awaitCommandOutcome("applied", null);
        JsonNode atGoogle = emulator.event(googleToken, PRIMARY, createdProviderId);
        assertThat(atGoogle.get("summary").asString()).isEqualTo(summary + " (moved)");
        assertThat(atGoogle.get("location").asString()).isEqualTo("Room 7");
        assertThat(atGoogle.at("/start/dateTime").asString()).contains("T14:00:00");
        assertThat(atGoogle.at("/end/dateTime").asString()).contains("T15:30:00");
        assertThat(atGoogle.get("attendees").findValuesAsString("email"))
                .as("invitees kept by the edit form")
                .contains("alice.adams@madeup.example", "bob.brown@madeup.example");

        page.navigate(stack.dashboardUrl() + "/calendars_event/" + createdId);
        assertThat(page.textContent("#event-summary")).isEqualTo(summary + " (moved)");
        assertThat(page.textContent("main")).contains("Room 7");
    }

    @Test
    @Order(6)
    void deleteTheEventAndSeeItGoneAtGoogleAndFromTheList() {
        page.navigate(stack.dashboardUrl() + "/calendars_event/" + createdId);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))
                .click();

        awaitCommandOutcome("applied", null);
        JsonNode atGoogle = emulator.event(googleToken, PRIMARY, createdProviderId);
        assertThat(atGoogle == null
                        || "cancelled".equals(atGoogle.path("status").asString("")))
                .as("gone at Google: %s", atGoogle)
                .isTrue();
        await("the event to leave the event list")
                .atMost(PAGE_WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    page.navigate(stack.dashboardUrl() + "/calendars_event");
                    return !page.textContent("#live-region").contains(summary);
                });
        assertThat(page.navigate(stack.dashboardUrl() + "/calendars_event/" + createdId)
                        .status())
                .isEqualTo(404);
    }

    @Test
    @Order(7)
    void changesMadeAtGoogleAppearOnTheOpenPageWithoutAReload() {
        page.navigate(stack.dashboardUrl() + "/calendar");
        page.waitForSelector("body[data-live-ready=true]");
        page.evaluate("() => { window.__sameDocument = 'yes'; }");

        String added = "Added at Google " + tag;
        ZonedDateTime noon = LocalDate.now(BERLIN).atTime(12, 0).atZone(BERLIN);
        JsonNode event = emulator.createEvent(
                PRIMARY,
                Map.of(
                        "summary", added,
                        "start", Map.of("dateTime", noon.toOffsetDateTime().toString(), "timeZone", "Europe/Berlin"),
                        "end",
                                Map.of(
                                        "dateTime",
                                        noon.plusHours(1).toOffsetDateTime().toString(),
                                        "timeZone",
                                        "Europe/Berlin")));
        liveLink(added).waitFor(new Locator.WaitForOptions().setTimeout(PIPELINE_WAIT.toMillis()));

        String renamed = "Renamed at Google " + tag;
        emulator.patchEvent(PRIMARY, event.get("id").asString(), Map.of("summary", renamed));
        liveLink(renamed).waitFor(new Locator.WaitForOptions().setTimeout(PIPELINE_WAIT.toMillis()));

        assertThat(page.textContent("#live-notice")).isEqualTo("Updated: " + renamed);
        assertThat(page.textContent("#live-region")).doesNotContain(added);
        assertThat(page.evaluate("() => window.__sameDocument"))
                .as("the same document: no reload")
                .isEqualTo("yes");
        screenshot("calendar-live.png", true);
    }

    @Test
    @Order(8)
    void aScriptInADescriptionFromGoogleDoesNotRun() {
        page.navigate(stack.dashboardUrl() + "/calendar");
        page.waitForSelector("body[data-live-ready=true]");
        String boardMeeting = "Board meeting " + tag + " <img src=x onerror=\"window.__xss=3\">";
        ZonedDateTime afternoon = LocalDate.now(BERLIN).atTime(16, 0).atZone(BERLIN);
        emulator.createEvent(
                PRIMARY,
                Map.of(
                        "summary",
                        boardMeeting,
                        "description",
                        "Agenda: <b>budget</b>\n<script>window.__xss=1</script>"
                                + "<img src=x onerror=\"window.__xss=2\">",
                        "start",
                        Map.of("dateTime", afternoon.toOffsetDateTime().toString(), "timeZone", "Europe/Berlin"),
                        "end",
                        Map.of(
                                "dateTime",
                                afternoon.plusHours(1).toOffsetDateTime().toString(),
                                "timeZone",
                                "Europe/Berlin")));
        Locator link = liveLink(boardMeeting);
        link.waitFor(new Locator.WaitForOptions().setTimeout(PIPELINE_WAIT.toMillis()));
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");

        link.click();
        page.waitForSelector("#event-summary");
        page.click("details summary");
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
        assertThat(page.textContent("#event-summary")).isEqualTo(boardMeeting);
        assertThat(page.textContent("#event-description-raw")).contains("<script>window.__xss=1</script>");
        assertThat(page.locator("#event-description b").textContent()).isEqualTo("budget");
        assertThat(page.locator("#event-description script").count()).isZero();
        assertThat(page.locator("#event-description img").count()).isZero();
        screenshot("event.png", true);
    }

    /** An event's link in the live region (its text is the time, then the summary). */
    private Locator liveLink(String summary) {
        return page.locator("#live-region a.event", new Page.LocatorOptions().setHasText(summary));
    }

    /** On the command page: waits (bounded) until the writer's result replaces "pending". */
    private void awaitCommandOutcome(String expected, String screenshotName) {
        page.waitForURL(url -> url.contains("/commands/"));
        page.waitForFunction(
                "() => !['pending', 'held'].includes(document.getElementById('command-outcome').textContent.trim())",
                null,
                new Page.WaitForFunctionOptions().setTimeout(PIPELINE_WAIT.toMillis()));
        assertThat(page.textContent("#command-outcome").trim())
                .as("command result: %s", page.textContent("#command-detail"))
                .isEqualTo(expected);
        if (screenshotName != null) {
            screenshot(screenshotName, false);
        }
    }

    private JsonNode awaitApiEvent(String exactSummary) {
        String from = LocalDate.now(BERLIN).minusDays(1).toString();
        String to = LocalDate.now(BERLIN).plusDays(14).toString();
        return await("the event in the dashboard's read API")
                .atMost(PAGE_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.apiEvents(from, to).stream()
                                .filter(event -> exactSummary.equals(
                                        event.path("summary").asString("")))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private void screenshot(String name, boolean fullPage) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(screenshots.resolve(name)).setFullPage(fullPage));
    }
}
