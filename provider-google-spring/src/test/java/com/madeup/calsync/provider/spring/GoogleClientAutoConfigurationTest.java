package com.madeup.calsync.provider.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.emulator.EmulatorConfig;
import com.madeup.calsync.emulator.GoogleEmulator;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.CalendarApi;
import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.emulator.EmulatorAdmin;
import com.madeup.calsync.provider.http.CallObserver;
import com.madeup.calsync.provider.http.ErrorKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured client against the real emulator over HTTP, with and without a MeterRegistry. */
class GoogleClientAutoConfigurationTest {

    static GoogleEmulator emulator;
    static EmulatorAdmin admin;
    static EmulatorAdmin.Account account;

    @BeforeAll
    static void start() {
        emulator = GoogleEmulator.start(EmulatorConfig.defaults());
        admin = new EmulatorAdmin(emulator.baseUrl());
        account = admin.createAccount("meters@example.com");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GoogleClientAutoConfiguration.class))
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues(
                    "calsync.google.api-base-url=" + emulator.baseUrl(),
                    "calsync.google.token-url=" + emulator.baseUrl() + "/token",
                    "calsync.google.revoke-url=" + emulator.baseUrl() + "/revoke",
                    "calsync.google.client-id=calsync-test",
                    "calsync.google.client-secret=calsync-test-secret");

    @Test
    void everyProviderCallIsTimedByOperationAndOutcome() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            CalendarApi calendar = context.getBean(CalendarApi.class);
            OAuthApi oauth = context.getBean(OAuthApi.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            AccessToken token = new AccessToken(account.accessToken());

            assertThat(calendar.listCalendars(token, null, null).ok()).isTrue();
            assertThat(calendar.listCalendars(token, null, null).ok()).isTrue();
            assertThat(calendar.getEvent(token, account.email(), "doesnotexist0")
                            .errorKind())
                    .isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(oauth.refresh(new RefreshToken("1//never-issued")).errorKind())
                    .isEqualTo(ErrorKind.INVALID_GRANT);

            Timer listed = timer(meters, "calendar.calendarList.list", "ok");
            assertThat(listed.count()).isEqualTo(2);
            assertThat(listed.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(timer(meters, "calendar.events.get", "not_found").count())
                    .isEqualTo(1);
            assertThat(timer(meters, "oauth2.token.refresh", "invalid_grant").count())
                    .isEqualTo(1);
            assertThat(meters.find(MicrometerCallObserver.METER)
                            .tags("operation", "calendar.events.get", "outcome", "ok")
                            .timer())
                    .isNull();
        });
    }

    @Test
    void withoutAMeterRegistryCallsAreNotObservedAndStillWork() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(MeterRegistry.class);
            assertThat(context.getBean(CallObserver.class)).isSameAs(CallObserver.NONE);
            AccessToken token = new AccessToken(account.accessToken());

            assertThat(context.getBean(CalendarApi.class)
                            .listCalendars(token, null, null)
                            .body()
                            .items())
                    .isNotEmpty();
        });
    }

    private static Timer timer(MeterRegistry meters, String operation, String outcome) {
        Timer timer = meters.find(MicrometerCallObserver.METER)
                .tags("operation", operation, "outcome", outcome)
                .timer();
        assertThat(timer).as("timer %s %s", operation, outcome).isNotNull();
        return timer;
    }
}
