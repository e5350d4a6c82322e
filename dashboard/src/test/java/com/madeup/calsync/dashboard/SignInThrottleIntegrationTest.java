package com.madeup.calsync.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.madeup.calsync.store.account.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Sign-in throttling through the real security chain, against users in PostgreSQL. Defaults: 5
 * failures per email or 20 per address within 15 minutes lock for 1 minute, doubling per lock.
 * Every test signs in from addresses of its own, so it cannot lock out another test.
 */
class SignInThrottleIntegrationTest extends DashboardTestBase {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockEnds() throws Exception {
        User alice = newUser("alice", false);
        String address = freshAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(alice.email(), "wrong", address)).isEqualTo("/login?error");
        }

        assertThat(signIn(alice.email(), PASSWORD, address)).isEqualTo("/login?throttled=1");
        // The lock is on the email, not only on the address.
        assertThat(signIn(alice.email(), PASSWORD, freshAddress())).isEqualTo("/login?throttled=1");

        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(alice.email(), PASSWORD, address)).isEqualTo("/calendar");
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() throws Exception {
        User bea = newUser("bea", false);
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(bea.email(), "wrong", address)).isEqualTo("/login?error");
        }
        assertThat(signIn(bea.email(), PASSWORD, address)).isEqualTo("/calendar");

        // Without the reset, the 5th of these would lock the account (8 failures within the window).
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(bea.email(), "wrong", address)).isEqualTo("/login?error");
        }
        assertThat(signIn(bea.email(), PASSWORD, address)).isEqualTo("/calendar");
    }

    @Test
    void everyFurtherLockLastsTwiceAsLong() throws Exception {
        User carl = newUser("carl", false);
        String address = freshAddress();
        failFiveTimes(carl.email(), address);
        clock.advance(Duration.ofSeconds(61));

        failFiveTimes(carl.email(), address);
        assertThat(signIn(carl.email(), PASSWORD, address)).isEqualTo("/login?throttled=2");
        clock.advance(Duration.ofSeconds(61));
        assertThat(signIn(carl.email(), PASSWORD, address)).isEqualTo("/login?throttled=1");
        clock.advance(Duration.ofSeconds(60));
        assertThat(signIn(carl.email(), PASSWORD, address)).isEqualTo("/calendar");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() throws Exception {
        User dora = newUser("dora", false);
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            signIn(dora.email(), "wrong", address);
        }
        clock.advance(Duration.ofMinutes(16));

        assertThat(signIn(dora.email(), "wrong", address)).isEqualTo("/login?error");
        assertThat(signIn(dora.email(), PASSWORD, address)).isEqualTo("/calendar");
    }

    @Test
    void unknownAndKnownEmailsGetTheSameAnswersAndTheSamePage() throws Exception {
        User emil = newUser("emil", false);
        String unknown = "nobody-" + UUID.randomUUID() + "@madeup.example";
        String address = freshAddress();

        List<String> known = new ArrayList<>();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            known.add(signIn(emil.email(), "wrong", address));
            made.add(signIn(unknown, "wrong", address));
        }

        assertThat(made).isEqualTo(known);
        assertThat(known.getLast()).isEqualTo("/login?throttled=1");
        String page = mvc.perform(get(known.getLast()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Too many failed sign-ins.").contains("Try again in 1 minute.");
        assertThat(page).doesNotContain(emil.email());
    }

    @Test
    void manyFailuresFromOneAddressLockThatAddressForEveryEmail() throws Exception {
        User fay = newUser("fay", false);
        String attacker = freshAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(signIn("guess-" + i + "-" + UUID.randomUUID() + "@madeup.example", "wrong", attacker))
                    .isEqualTo("/login?error");
        }

        assertThat(signIn(fay.email(), PASSWORD, attacker)).isEqualTo("/login?throttled=1");
        assertThat(signIn(fay.email(), PASSWORD, freshAddress())).isEqualTo("/calendar");
    }

    @Test
    void theJsonApiIsThrottledToo() throws Exception {
        User gus = newUser("gus", false);
        String address = freshAddress();
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/calendar/events")
                            .param("from", "2026-11-23")
                            .param("to", "2026-11-24")
                            .with(httpBasic(gus.email(), "wrong"))
                            .with(from(address)))
                    .andExpect(status().isUnauthorized());
        }

        mvc.perform(get("/api/calendar/events")
                        .param("from", "2026-11-23")
                        .param("to", "2026-11-24")
                        .with(httpBasic(gus.email(), PASSWORD))
                        .with(from(address)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"));
        assertThat(signIn(gus.email(), PASSWORD, freshAddress())).isEqualTo("/login?throttled=1");
    }

    @Test
    void theSignInPageShowsOnlyAWholeNumberOfMinutes() throws Exception {
        String page = mvc.perform(get("/login").param("throttled", "<b>soon</b>"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Too many failed sign-ins.")
                .contains("Try again later.")
                .doesNotContain("soon");
        assertThat(mvc.perform(get("/login").param("throttled", "3"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Try again in 3 minutes.");
    }

    private void failFiveTimes(String email, String address) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(email, "wrong", address)).isEqualTo("/login?error");
        }
    }

    /** Posts the sign-in form; returns where the dashboard sends the browser. */
    private String signIn(String email, String password, String address) throws Exception {
        return mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", password)
                        .with(csrf())
                        .with(from(address)))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** A documentation-range address (RFC 5737) no other sign-in in this JVM uses. */
    private static String freshAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }
}
