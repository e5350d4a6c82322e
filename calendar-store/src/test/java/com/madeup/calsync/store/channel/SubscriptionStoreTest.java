package com.madeup.calsync.store.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.store.MigratedDatabase;
import com.madeup.calsync.store.token.SecretToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionStoreTest {

    private static final MigratedDatabase db = MigratedDatabase.create();
    private static final Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

    private final SubscriptionStore store = new SubscriptionStore(db.jdbc, clock);

    private CalendarSubscription register(String channelId, String token) {
        long userId = db.newUser(channelId + "@example.com");
        UUID connectionId = db.newConnection(userId);
        return store.register(
                channelId, List.of("primary-cal"), connectionId, userId, ResourceKind.EVENTS, SecretToken.of(token));
    }

    @Test
    void tokenIsStoredOnlyAsItsHashAndVerifiedByIt() {
        CalendarSubscription registered = register("chan-1", "channel-secret-1");

        byte[] stored = db.jdbc.queryForObject(
                "SELECT token_hash FROM calendar_subscriptions WHERE uuid = 'chan-1'", byte[].class);
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("channel-secret-1");
        assertThat(registered.state()).isEqualTo(ChannelState.PENDING);
        assertThat(registered.providerCalendarIds()).containsExactly("primary-cal");
        assertThat(store.verify("chan-1", "channel-secret-1")).isPresent();
        assertThat(store.verify("chan-1", "wrong")).isEmpty();
        assertThat(store.verify("unknown", "channel-secret-1")).isEmpty();
    }

    @Test
    void lifecycleFromPendingToStopped() {
        register("chan-2", "secret-2");
        Instant expiration = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(store.activate("chan-2", "resource-9", expiration)).isTrue();
        assertThat(store.activate("chan-2", "resource-9", expiration))
                .as("only from pending")
                .isFalse();
        assertThat(store.findActiveExpiringBefore(Instant.parse("2026-12-02T00:00:00Z")))
                .extracting(CalendarSubscription::channelId)
                .contains("chan-2");
        assertThat(store.markStopping("chan-2")).isTrue();
        assertThat(store.verify("chan-2", "secret-2"))
                .as("still accepted while stopping")
                .isPresent();
        assertThat(store.markStopped("chan-2")).isTrue();
        assertThat(store.markStopped("chan-2")).isFalse();
        assertThat(store.verify("chan-2", "secret-2"))
                .as("rejected once stopped")
                .isEmpty();
        CalendarSubscription stopped = store.findByChannelId("chan-2").orElseThrow();
        assertThat(stopped.resourceId()).isEqualTo("resource-9");
        assertThat(stopped.expiration()).isEqualTo(expiration);
        assertThat(store.findOpenByConnection(stopped.connectionId())).isEmpty();
    }
}
