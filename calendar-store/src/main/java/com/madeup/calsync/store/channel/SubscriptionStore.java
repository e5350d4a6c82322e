package com.madeup.calsync.store.channel;

import com.madeup.calsync.store.token.SecretToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Push channels ({@code calendar_subscriptions}): record one before the watch call, activate it
 * with the provider's answer, verify notifications against it, and walk it through stopping.
 */
public final class SubscriptionStore {

    private static final int MAX_CHANNEL_ID_LENGTH = 64;
    private static final String COLUMNS = "id, uuid, calendar_ids, connection_id, user_id, resource_kind, resource_id,"
            + " token_hash, expiration, state, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SubscriptionStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a new channel in state pending, keeping only the SHA-256 of its token.
     *
     * @param channelId the id the watch request will carry (letters, digits, {@code -_/=+}; at most 64)
     * @param providerCalendarIds the calendars it watches; empty for a calendar-list channel
     */
    public CalendarSubscription register(
            String channelId,
            List<String> providerCalendarIds,
            UUID connectionId,
            long userId,
            ResourceKind kind,
            SecretToken channelToken) {
        Objects.requireNonNull(channelId, "channelId");
        if (channelId.isEmpty() || channelId.length() > MAX_CHANNEL_ID_LENGTH) {
            throw new IllegalArgumentException("channel id must be 1 to 64 characters, got " + channelId.length());
        }
        Instant now = clock.instant();
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO calendar_subscriptions"
                    + " (uuid, calendar_ids, connection_id, user_id, resource_kind, token_hash, state, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING " + COLUMNS)) {
                statement.setString(1, channelId);
                statement.setArray(2, connection.createArrayOf("text", providerCalendarIds.toArray(String[]::new)));
                statement.setObject(3, connectionId);
                statement.setLong(4, userId);
                statement.setString(5, kind.databaseValue());
                statement.setBytes(6, hash(channelToken));
                statement.setTimestamp(7, Timestamp.from(now));
                statement.setTimestamp(8, Timestamp.from(now));
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return subscription(result, 0);
                }
            }
        });
    }

    public Optional<CalendarSubscription> findByChannelId(String channelId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM calendar_subscriptions WHERE uuid = ?",
                        SubscriptionStore::subscription,
                        channelId)
                .stream()
                .findFirst();
    }

    /**
     * The channel a notification names, if it exists, is not stopped, and {@code presentedToken}
     * matches its token (compared in constant time, as hashes). Empty otherwise: the caller answers
     * without revealing which check failed.
     */
    public Optional<CalendarSubscription> verify(String channelId, String presentedToken) {
        if (channelId == null || presentedToken == null) {
            return Optional.empty();
        }
        byte[] presentedHash = hash(SecretToken.of(presentedToken));
        List<Object[]> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM calendar_subscriptions WHERE uuid = ?",
                (result, i) -> new Object[] {subscription(result, i), result.getBytes("token_hash")},
                channelId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CalendarSubscription subscription = (CalendarSubscription) rows.getFirst()[0];
        byte[] storedHash = (byte[]) rows.getFirst()[1];
        boolean tokenMatches = MessageDigest.isEqual(storedHash, presentedHash);
        return tokenMatches && subscription.state() != ChannelState.STOPPED
                ? Optional.of(subscription)
                : Optional.empty();
    }

    /** Pending to active with the provider's answer; false if the channel is not pending. */
    public boolean activate(String channelId, String resourceId, Instant expiration) {
        return jdbc.update(
                        "UPDATE calendar_subscriptions SET state = 'active', resource_id = ?, expiration = ?,"
                                + " updated_at = ? WHERE uuid = ? AND state = 'pending'",
                        resourceId,
                        Timestamp.from(expiration),
                        Timestamp.from(clock.instant()),
                        channelId)
                == 1;
    }

    /** Marks a pending or active channel as being stopped; false if it was not. */
    public boolean markStopping(String channelId) {
        return jdbc.update(
                        "UPDATE calendar_subscriptions SET state = 'stopping', updated_at = ?"
                                + " WHERE uuid = ? AND state IN ('pending', 'active')",
                        Timestamp.from(clock.instant()),
                        channelId)
                == 1;
    }

    /** Marks a channel stopped (whatever its state); false if unknown or already stopped. */
    public boolean markStopped(String channelId) {
        return jdbc.update(
                        "UPDATE calendar_subscriptions SET state = 'stopped', updated_at = ?"
                                + " WHERE uuid = ? AND state <> 'stopped'",
                        Timestamp.from(clock.instant()),
                        channelId)
                == 1;
    }

    /**
     * Deletes channels stopped before {@code stoppedBefore} (their {@code updated_at} is when they
     * were marked stopped): they verify no notification any more and are kept only for a while to
     * explain late pushes. Returns how many were deleted.
     */
    public int deleteStoppedBefore(Instant stoppedBefore) {
        return jdbc.update(
                "DELETE FROM calendar_subscriptions WHERE state = 'stopped' AND updated_at < ?",
                Timestamp.from(stoppedBefore));
    }

    /** Active channels expiring before {@code before}, soonest first: the renewal work list. */
    public List<CalendarSubscription> findActiveExpiringBefore(Instant before) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM calendar_subscriptions WHERE state = 'active' AND expiration < ?"
                        + " ORDER BY expiration",
                SubscriptionStore::subscription,
                Timestamp.from(before));
    }

    /** Every channel of a connection that is not stopped (e.g. to stop them all on disconnect). */
    public List<CalendarSubscription> findOpenByConnection(UUID connectionId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM calendar_subscriptions WHERE connection_id = ? AND state <> 'stopped'"
                        + " ORDER BY id",
                SubscriptionStore::subscription,
                connectionId);
    }

    static byte[] hash(SecretToken token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static CalendarSubscription subscription(ResultSet result, int rowNumber) throws SQLException {
        Array calendarIds = result.getArray("calendar_ids");
        Timestamp expiration = result.getTimestamp("expiration");
        return new CalendarSubscription(
                result.getLong("id"),
                result.getString("uuid"),
                Arrays.asList((String[]) calendarIds.getArray()),
                result.getObject("connection_id", UUID.class),
                result.getLong("user_id"),
                ResourceKind.fromDatabase(result.getString("resource_kind")),
                result.getString("resource_id"),
                expiration == null ? null : expiration.toInstant(),
                ChannelState.fromDatabase(result.getString("state")),
                result.getTimestamp("created_at").toInstant(),
                result.getTimestamp("updated_at").toInstant());
    }
}
