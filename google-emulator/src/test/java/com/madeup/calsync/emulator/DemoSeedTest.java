package com.madeup.calsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DemoSeedTest {

    @Test
    void resourceIsTheGeneratorOutput() {
        // regenerate with DemoSeed.main when the generator changes
        assertThat(Seeds.readResource(DemoSeed.RESOURCE)).isEqualTo(DemoSeed.build(DemoSeed.ANCHOR));
    }

    @Test
    void demoSeedGivesThreeCalendarsWithRecurringAllDayAndAttendeeCopies() {
        try (GoogleEmulator google =
                GoogleEmulator.start(EmulatorConfig.defaults().withDemo(true))) {
            EmulatorHttp http = new EmulatorHttp(google.baseUrl());
            String token = http.account("demo@madeup.example");
            JsonNode calendars =
                    http.get("/calendar/v3/users/me/calendarList", token).json().path("items");
            assertThat(calendars)
                    .extracting(c -> c.path("summary").asString())
                    .containsExactlyInAnyOrder("Demo User", "Team Planning", "Company Holidays");
            assertThat(calendars)
                    .extracting(c -> c.path("accessRole").asString())
                    .containsExactlyInAnyOrder("owner", "owner", "reader");

            List<JsonNode> primary = new ArrayList<>();
            http.get("/calendar/v3/calendars/primary/events?maxResults=2500&singleEvents=true", token)
                    .json()
                    .path("items")
                    .forEach(primary::add);
            assertThat(primary).hasSizeGreaterThan(150);
            assertThat(primary)
                    .anySatisfy(e -> assertThat(e.has("recurringEventId")).isTrue());
            assertThat(primary)
                    .anySatisfy(e -> assertThat(e.path("start").has("date")).isTrue());
            assertThat(primary)
                    .anySatisfy(
                            e -> assertThat(e.path("organizer").path("email").asString())
                                    .endsWith("@madeup.example")
                                    .isNotEqualTo("demo@madeup.example"));
            assertThat(primary)
                    .anySatisfy(e -> assertThat(e.path("start").path("timeZone").asString())
                            .isEqualTo("Asia/Tokyo"));

            JsonNode holidays = http.get(
                            "/calendar/v3/calendars/company-holidays%40group.calendar.madeup.example/events", token)
                    .json();
            assertThat(holidays.path("accessRole").asString()).isEqualTo("reader");
            assertThat(holidays.path("items"))
                    .allSatisfy(e -> assertThat(e.path("start").has("date")).isTrue());
        }
    }

    @Test
    void seedFileLoadsAccountsCalendarsAndEvents(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path seed = dir.resolve("seed.json");
        java.nio.file.Files.writeString(seed, """
                {"accounts":[{"email":"seeded@madeup.example","timeZone":"Europe/Berlin",
                  "calendars":[{"id":"shared@group.calendar.madeup.example","summary":"Shared","accessRole":"writer"}]}],
                 "events":[{"calendarId":"shared@group.calendar.madeup.example","event":{"summary":"From the seed",
                   "start":{"date":"2026-12-01"},"end":{"date":"2026-12-02"}}}]}
                """);
        try (GoogleEmulator google =
                GoogleEmulator.start(EmulatorConfig.defaults().withSeedFile(seed))) {
            assertThat(google.seededEvents()).isEqualTo(1);
            EmulatorHttp http = new EmulatorHttp(google.baseUrl());
            String token = http.account("seeded@madeup.example");
            JsonNode events = http.get("/calendar/v3/calendars/shared%40group.calendar.madeup.example/events", token)
                    .json();
            assertThat(events.path("accessRole").asString()).isEqualTo("writer");
            assertThat(events.path("items").path(0).path("summary").asString()).isEqualTo("From the seed");
        }
    }

    @Test
    void commandLineOptionsBecomeConfig() {
        EmulatorConfig config = EmulatorMain.parse(new String[] {
            "--port=0",
            "--bind=0.0.0.0",
            "--demo",
            "--auto-consent=false",
            "--access-token-ttl=60",
            "--quota-per-user-per-minute=0",
            "--quota-status=429",
            "--clients=web:secret,cli:other",
            "--public-url=http://emulator:8089"
        });
        assertThat(config.port()).isZero();
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.demo()).isTrue();
        assertThat(config.autoConsent()).isFalse();
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.quotaPerUserPerMinute()).isZero();
        assertThat(config.quotaStatus()).isEqualTo(429);
        assertThat(config.clients()).isEqualTo(Map.of("web", "secret", "cli", "other"));
        assertThat(config.publicUrl()).isEqualTo(URI.create("http://emulator:8089"));
        assertThat(config.toString()).doesNotContain("secret");
        assertThat(EmulatorMain.parse(new String[0]).port()).isEqualTo(8089);
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--nope=1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
