package com.madeup.calsync.ingress;

import com.madeup.calsync.store.channel.ResourceKind;
import com.madeup.calsync.store.channel.SubscriptionStore;
import com.madeup.calsync.store.token.SecretToken;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test data in the real schema: a user with a Google connection and its push channels. */
public final class IngressDatabase {

    private final JdbcTemplate jdbc;
    private final SubscriptionStore subscriptions;

    public IngressDatabase(JdbcTemplate jdbc, SubscriptionStore subscriptions) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
    }

    /** A new user with a new connection; returns the connection id. */
    public Connection newConnection() {
        long userId = jdbc.queryForObject(
                "INSERT INTO users (email, display_name) VALUES (?, 'Someone') RETURNING id",
                Long.class,
                "user-" + UUID.randomUUID() + "@example.com");
        UUID connectionId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO provider_connections (id, user_id, provider, account_email) VALUES (?, ?, 'google', ?)",
                connectionId,
                userId,
                "acct@example.com");
        return new Connection(connectionId, userId);
    }

    public void eventsChannel(Connection connection, String channelId, String calendarId, String token) {
        subscriptions.register(
                channelId,
                List.of(calendarId),
                connection.id(),
                connection.userId(),
                ResourceKind.EVENTS,
                SecretToken.of(token));
    }

    public void calendarListChannel(Connection connection, String channelId, String token) {
        subscriptions.register(
                channelId,
                List.of(),
                connection.id(),
                connection.userId(),
                ResourceKind.CALENDAR_LIST,
                SecretToken.of(token));
    }

    public record Connection(UUID id, long userId) {}
}
