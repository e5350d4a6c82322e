package com.madeup.calsync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.dashboard.live.LiveUpdates;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.ChangeSource;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.Matter;
import com.madeup.calsync.store.account.MatterRepository;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.account.PersonRepository;
import com.madeup.calsync.store.account.User;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.testsupport.TestKafka;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * The pages in a real headless Chromium (Playwright for Java, the Debian chromium binary), against
 * the running dashboard, real PostgreSQL, the embedded broker and the emulator's consent page.
 * Saves {@code docs/screenshots/command-pending.png} (no writer here, so the command stays pending)
 * and {@code sync-health.png};
 * the other screenshots come from the e2e module's BrowserJourneyTest against the real stack.
 */
class DashboardBrowserIntegrationTest extends DashboardTestBase {

    static final Path SCREENSHOTS = Paths.get("..", "docs", "screenshots");
    static final String BASE = "http://127.0.0.1:" + PORT;

    static Playwright playwright;
    static BrowserContext browser;
    static Path profile;

    @Autowired
    PersonRepository persons;

    @Autowired
    MatterRepository matters;

    @Autowired
    ContractPublisher publisher;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LiveUpdates live;

    Page page;

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("calsync-chromium-");
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launchPersistentContext(
                        profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(Paths.get("/usr/bin/chromium"))
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
        browser.setDefaultTimeout(15_000);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void newPage() {
        browser.clearCookies();
        page = browser.newPage();
    }

    @AfterEach
    void closePage() {
        page.close();
    }

    @Test
    void signInConnectGooglePickCalendarsAndCreateAnEventWithInvitees() throws Exception {
        User user = newUser("journey", false);
        String account = user.email();
        emulatorAdmin(
                "/emulator/accounts",
                "{\"email\":\"" + account + "\",\"displayName\":\"Journey\",\"timeZone\":\"Europe/Berlin\"}");
        emulatorAdmin(
                "/emulator/accounts/" + account + "/calendars",
                "{\"summary\":\"Team Planning\",\"accessRole\":\"owner\"}");
        emulatorAdmin(
                "/emulator/accounts/" + account + "/calendars",
                "{\"id\":\"holidays-" + UUID.randomUUID() + "@group.calendar.madeup.example\","
                        + "\"summary\":\"Company Holidays\",\"accessRole\":\"reader\"}");
        Person alice = persons.save(
                Person.create("alice-" + UUID.randomUUID() + "@madeup.example", "Alice Adams", null, Instant.now()));
        Person bob = persons.save(
                Person.create("bob-" + UUID.randomUUID() + "@madeup.example", "Bob Brown", null, Instant.now()));
        Matter matter =
                matters.save(Matter.create("M-" + UUID.randomUUID().toString().substring(0, 8), "Acme merger"));

        page.navigate(BASE + "/calendar");
        assertThat(page.url()).endsWith("/login");
        signIn(user);
        assertThat(page.url()).contains("/calendar");

        page.navigate(BASE + "/calendars");
        page.click("#connect-google");
        // The emulator's consent page: type the account, allow.
        page.waitForURL(url -> url.startsWith(GOOGLE.baseUrl().toString()));
        page.fill("#email", account);
        page.click("#allow");
        page.waitForURL(BASE + "/calendars?connected");
        assertThat(page.textContent("main"))
                .contains(account)
                .contains("Team Planning")
                .contains("Company Holidays")
                .contains("reader (read-only)");

        List<Calendar> listed = calendars.findByConnectionIdOrderById(connectionOf(user));
        assertThat(listed).extracting(Calendar::summary).contains(account, "Team Planning", "Company Holidays");
        for (Calendar calendar : listed) {
            if (!calendar.summary().equals("Company Holidays")) {
                page.check("#pick-" + calendar.id());
            }
        }
        page.click("#pick-calendars button[type=submit]");
        assertThat(page.textContent(".notice")).contains("2 calendar(s) added to sync");
        assertThat(calendars.findPicked(connectionOf(user)))
                .extracting(Calendar::summary)
                .containsExactlyInAnyOrder(account, "Team Planning");
        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.SYNC_REQUESTED, Duration.ofSeconds(10)))
                .filteredOn(record -> record.key().equals(connectionOf(user).toString()))
                .extracting(ConsumerRecord::value)
                .anyMatch(value -> value.contains("\"reason\":\"connected\""))
                .anyMatch(value -> value.contains("\"reason\":\"calendars_picked\""));

        // A synced event so the calendar view has something to show.
        long teamCalendar = listed.stream()
                .filter(c -> c.summary().equals("Team Planning"))
                .findFirst()
                .orElseThrow()
                .id();
        storedEvent(
                teamCalendar,
                "Quarterly review",
                "Numbers",
                true,
                Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(3600));
        page.navigate(BASE + "/calendar");
        assertThat(page.textContent("#live-region")).contains("Quarterly review");
        page.navigate(BASE + "/calendars_event");
        assertThat(page.textContent("#live-region")).contains("Quarterly review");
        page.navigate(BASE + "/calendar?view=month");
        assertThat(page.textContent("#live-region")).contains("Quarterly review");

        page.navigate(BASE + "/calendars_event/new");
        // Read-only calendars are not offered.
        assertThat(page.locator("#calendarId option").allTextContents())
                .containsExactlyInAnyOrder(account, "Team Planning");
        page.selectOption("#calendarId", Long.toString(teamCalendar));
        page.fill("#summary", "Kick-off with Acme");
        page.fill("#location", "Room 4");
        page.fill("#description", "Agenda: scope, people, dates");
        assertThat(page.textContent(".counter[data-for=summary]")).isEqualTo("18 / 140");
        page.fill("#startDate", "2030-05-06");
        page.fill("#startTime", "09:30");
        page.fill("#endDate", "2030-05-06");
        page.fill("#endTime", "10:30");
        page.selectOption("#timeZone", "Europe/Berlin");
        page.selectOption(
                "#inviteeIds", new String[] {alice.id().toString(), bob.id().toString()});
        page.selectOption("#matterId", matter.id().toString());
        page.click("#event-form button[type=submit]");
        page.waitForURL(url -> url.contains("/commands/"));
        String commandId = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(page.textContent("#command-outcome")).isEqualTo("pending");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("command-pending.png")));

        ConsumerRecord<String, String> command =
                TestKafka.readToEnd(bootstrapServers, Topics.EVENT_COMMAND, Duration.ofSeconds(10)).stream()
                        .filter(record -> record.value().contains(commandId))
                        .findFirst()
                        .orElseThrow();
        assertThat(command.key()).isEqualTo(connectionOf(user).toString());
        assertThat(command.value())
                .contains("\"action\":\"create\"")
                .contains("\"summary\":\"Kick-off with Acme\"")
                .contains("\"start\":{\"dateTime\":\"2030-05-06T09:30:00+02:00\",\"timeZone\":\"Europe/Berlin\"}")
                .contains("{\"personId\":" + alice.id() + "}")
                .contains("{\"personId\":" + bob.id() + "}")
                .contains("\"matterId\":" + matter.id());

        // Disconnect: revoked at the provider, marked disconnected, the worker is told; events stay read-only.
        page.navigate(BASE + "/calendars");
        page.click("text=Disconnect Google");
        assertThat(page.textContent(".notice")).contains("stay visible read-only");
        assertThat(connections.findById(connectionOf(user)).orElseThrow().status())
                .isEqualTo(com.madeup.calsync.store.account.ConnectionStatus.DISCONNECTED);
        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.SYNC_REQUESTED, Duration.ofSeconds(10)))
                .filteredOn(record -> record.key().equals(connectionOf(user).toString()))
                .extracting(ConsumerRecord::value)
                .anyMatch(value -> value.contains("\"reason\":\"disconnected\""));
        page.navigate(BASE + "/calendar");
        assertThat(page.textContent("#live-region")).contains("Quarterly review");
    }

    @Test
    void aScriptInADescriptionDoesNotRunAndIsShownAsText() {
        User user = newUser("xss", false);
        long calendarId = connectedCalendar(user, user.email());
        long eventId = storedEvent(
                calendarId,
                "Board meeting <img src=x onerror=\"window.__xss=3\">",
                "Agenda: <b>budget</b>\n<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">",
                true,
                Instant.now().plusSeconds(7200));
        signIn(user);
        page.navigate(BASE + "/calendars_event/" + eventId);
        page.click("details summary");
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
        assertThat(page.textContent("#event-summary"))
                .isEqualTo("Board meeting <img src=x onerror=\"window.__xss=3\">");
        assertThat(page.textContent("#event-description-raw")).contains("<script>window.__xss=1</script>");
        assertThat(page.locator("#event-description b").textContent()).isEqualTo("budget");
        assertThat(page.locator("#event-description script").count()).isZero();
        assertThat(page.locator("#event-description img").count()).isZero();
    }

    @Test
    void aChangeFromTheTopicShowsUpWithoutAReload() {
        User user = newUser("live", false);
        long calendarId = connectedCalendar(user, user.email());
        ConnectionId connection = openLiveCalendar(user);

        // What the sync worker does when Kafka is quick: the row is committed when the change arrives.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(1800);
        long eventId = storedEvent(calendarId, "Pushed from Google", null, false, start);
        publisher.publishAndWait(
                Topics.CALENDAR_EVENT_CHANGED,
                connection.toString(),
                upserted(
                        connection, user, events.findById(eventId).orElseThrow().row()));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pushed from Google"))
                .waitFor();
        assertThat(page.textContent("#live-notice")).isEqualTo("Updated: Pushed from Google");
        assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
    }

    @Test
    void aChangeThatArrivesBeforeItsRowIsCommittedShowsUpOnceItIs() {
        User user = newUser("early", false);
        long calendarId = connectedCalendar(user, user.email());
        ConnectionId connection = openLiveCalendar(user);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(1800);
        EventRow row = eventRow(calendarId, "Committed after its message", null, false, start);

        // The sync worker publishes a page's changes and commits them once Kafka acknowledged: under
        // load the message can reach the dashboard first. A page re-reading then would miss the event.
        publisher.publishAndWait(Topics.CALENDAR_EVENT_CHANGED, connection.toString(), upserted(connection, user, row));
        await().atMost(Duration.ofSeconds(10)).until(() -> liveWaiting() == 1);
        assertThat(page.textContent("#live-notice"))
                .as("not told before the row is there")
                .isEmpty();
        events.upsert(List.of(row));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Committed after its message"))
                .waitFor();
        assertThat(page.textContent("#live-notice")).isEqualTo("Updated: Committed after its message");
        assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
        assertThat(liveWaiting()).isZero();
    }

    @Test
    void aPageWhoseStreamWasEndedCatchesUpWhenItReconnects() {
        User user = newUser("reconnect", false);
        long calendarId = connectedCalendar(user, user.email());
        openLiveCalendar(user);

        // What a restarting dashboard does; a change stored before the page is back is never sent to it.
        live.closeAll();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(1800);
        storedEvent(calendarId, "Stored while reconnecting", null, false, start);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stored while reconnecting"))
                .waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(page.evaluate("() => window.__sameDocument")).as("no reload").isEqualTo("yes");
    }

    @Test
    void fullResyncFromTheSyncHealthPageIsOnTheTopic() {
        User user = newUser("resync", false);
        connectedCalendar(user, user.email());
        UUID connectionId = connectionOf(user);
        signIn(user);
        page.navigate(BASE + "/sync-health");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Full resync"))
                .click();

        page.waitForSelector("p.notice");
        assertThat(page.textContent("p.notice")).startsWith("Full resync of Work asked for");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sync-health.png")));
        assertThat(TestKafka.readToEnd(bootstrapServers, Topics.SYNC_REQUESTED, Duration.ofSeconds(10)))
                .filteredOn(record -> record.key().equals(connectionId.toString()))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"reason\":\"operator\""));
    }

    /** Signs in and opens the calendar page with its live stream ready; returns the user's connection. */
    private ConnectionId openLiveCalendar(User user) {
        listeners.getAllListenerContainers().stream()
                .filter(container -> "dashboard-live-updates".equals(container.getListenerId()))
                .forEach(container -> ContainerTestUtils.waitForAssignment(container, 3));
        signIn(user);
        page.navigate(BASE + "/calendar");
        page.waitForSelector("body[data-live-ready=true]");
        page.evaluate("() => { window.__sameDocument = 'yes'; }");
        return new ConnectionId(connectionOf(user));
    }

    /** Changes the dashboard holds back until their rows are committed (its gauge). */
    private double liveWaiting() {
        return meters.get("calsync.dashboard.live.waiting").gauge().value();
    }

    /** The change message the sync worker publishes for a stored (or about to be stored) row. */
    private static CalendarEventChanged upserted(ConnectionId connection, User user, EventRow row) {
        EventState state = new EventState(
                row.summary(),
                row.location(),
                null,
                EventTime.at(row.startTime().atOffset(ZoneOffset.UTC), "Europe/Berlin"),
                EventTime.at(row.endTime().atOffset(ZoneOffset.UTC), "Europe/Berlin"),
                EventStatus.CONFIRMED,
                row.organizerEmail(),
                false,
                List.of(),
                null,
                row.etag(),
                row.providerUpdated(),
                null,
                null);
        return new CalendarEventChanged(
                MessageMeta.create(
                        CalendarEventChanged.TYPE,
                        CalendarEventChanged.VERSION,
                        connection,
                        Clock.systemUTC(),
                        UUID::randomUUID),
                new CalendarId(user.email()),
                new EventId(row.providerEventId()),
                ChangeKind.UPSERTED,
                state,
                ChangeSource.PROVIDER,
                null);
    }

    private void signIn(User user) {
        page.navigate(BASE + "/login");
        page.fill("input[name=username]", user.email());
        page.fill("input[name=password]", PASSWORD);
        page.click("main button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
    }

    private UUID connectionOf(User user) {
        return connections
                .findByUserIdAndProvider(user.id(), "google")
                .orElseThrow()
                .id();
    }

    private static void emulatorAdmin(String path, String json) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(GOOGLE.baseUrl() + path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        }
    }
}
