package com.madeup.calsync.store.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotency ledger: messages a consumer already handled ({@code handled_messages}), event
 * commands already claimed or applied ({@code handled_commands}), the provider writes about to be
 * made for them ({@code outbound_intents}) and those made ({@code outbound_writes}). Claims are {@code INSERT ... ON CONFLICT DO NOTHING}, so of two
 * concurrent claims exactly one wins.
 */
public final class LedgerStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LedgerStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records that {@code consumer} handled {@code messageId}; returns false if it already had.
     * Call it in the same transaction as the handler's writes, so a crash forgets both.
     */
    public boolean markHandled(String consumer, UUID messageId) {
        return jdbc.update(
                        "INSERT INTO handled_messages (consumer, message_id, handled_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        consumer,
                        messageId,
                        Timestamp.from(clock.instant()))
                == 1;
    }

    /** Claims a command as pending; returns false if it was claimed or handled before. */
    public boolean claimCommand(UUID commandId, UUID connectionId, Long actorUserId) {
        return jdbc.update(
                        "INSERT INTO handled_commands (command_id, connection_id, actor_user_id, outcome, handled_at)"
                                + " VALUES (?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
                        commandId,
                        connectionId,
                        actorUserId,
                        Timestamp.from(clock.instant()))
                == 1;
    }

    /** Records how a claimed command ended, with the result published for it (JSON). */
    public boolean completeCommand(UUID commandId, CommandOutcome outcome, String resultJson) {
        if (outcome == CommandOutcome.PENDING) {
            throw new IllegalArgumentException("a command completes as applied, rejected or failed");
        }
        return jdbc.update(
                        "UPDATE handled_commands SET outcome = ?, result_json = ?::jsonb, handled_at = ?"
                                + " WHERE command_id = ?",
                        outcome.databaseValue(),
                        resultJson,
                        Timestamp.from(clock.instant()),
                        commandId)
                == 1;
    }

    /**
     * Like {@link #completeCommand} but only while the command is still pending; returns false if it
     * already has an outcome (e.g. another instance applied it meanwhile). The row stays locked until
     * the caller's transaction ends, so a concurrent completion waits and then overwrites.
     */
    public boolean completePendingCommand(UUID commandId, CommandOutcome outcome, String resultJson) {
        if (outcome == CommandOutcome.PENDING) {
            throw new IllegalArgumentException("a command completes as applied, rejected or failed");
        }
        return jdbc.update(
                        "UPDATE handled_commands SET outcome = ?, result_json = ?::jsonb, handled_at = ?"
                                + " WHERE command_id = ? AND outcome = 'pending'",
                        outcome.databaseValue(),
                        resultJson,
                        Timestamp.from(clock.instant()),
                        commandId)
                == 1;
    }

    public Optional<HandledCommand> findCommand(UUID commandId) {
        return jdbc
                .query(
                        "SELECT command_id, connection_id, actor_user_id, outcome, result_json::text AS result_json,"
                                + " handled_at FROM handled_commands WHERE command_id = ?",
                        LedgerStore::command,
                        commandId)
                .stream()
                .findFirst();
    }

    /** Records a write made to the provider for a claimed command. */
    public void recordOutboundWrite(
            UUID commandId, long calendarId, String providerEventId, WriteOperation operation, String etag) {
        jdbc.update(
                "INSERT INTO outbound_writes (command_id, calendar_id, provider_event_id, operation, etag, written_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                commandId,
                calendarId,
                providerEventId,
                operation.databaseValue(),
                etag,
                Timestamp.from(clock.instant()));
    }

    /**
     * Records what is about to be sent to the provider for a claimed command, replacing an earlier
     * attempt's intent. Call it outside any transaction that the provider call could outlive: it must
     * be committed before the call.
     */
    public void recordIntent(
            UUID commandId, long calendarId, String providerEventId, WriteOperation operation, String sentJson) {
        jdbc.update(
                "INSERT INTO outbound_intents (command_id, calendar_id, provider_event_id, operation, sent_json,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (command_id) DO UPDATE SET calendar_id = excluded.calendar_id,"
                        + " provider_event_id = excluded.provider_event_id, operation = excluded.operation,"
                        + " sent_json = excluded.sent_json, recorded_at = excluded.recorded_at",
                commandId,
                calendarId,
                providerEventId,
                operation.databaseValue(),
                sentJson,
                Timestamp.from(clock.instant()));
    }

    public Optional<OutboundIntent> findIntent(UUID commandId) {
        return jdbc
                .query(
                        "SELECT command_id, calendar_id, provider_event_id, operation, sent_json::text AS sent_json,"
                                + " recorded_at FROM outbound_intents WHERE command_id = ?",
                        (row, i) -> new OutboundIntent(
                                row.getObject("command_id", UUID.class),
                                row.getLong("calendar_id"),
                                row.getString("provider_event_id"),
                                WriteOperation.fromDatabase(row.getString("operation")),
                                row.getString("sent_json"),
                                row.getTimestamp("recorded_at").toInstant()),
                        commandId)
                .stream()
                .findFirst();
    }

    public List<OutboundWrite> findOutboundWrites(UUID commandId) {
        return jdbc.query(
                "SELECT id, command_id, calendar_id, provider_event_id, operation, etag, written_at"
                        + " FROM outbound_writes WHERE command_id = ? ORDER BY id",
                (row, i) -> new OutboundWrite(
                        row.getLong("id"),
                        row.getObject("command_id", UUID.class),
                        row.getLong("calendar_id"),
                        row.getString("provider_event_id"),
                        WriteOperation.fromDatabase(row.getString("operation")),
                        row.getString("etag"),
                        row.getTimestamp("written_at").toInstant()),
                commandId);
    }

    private static HandledCommand command(ResultSet row, int rowNumber) throws SQLException {
        return new HandledCommand(
                row.getObject("command_id", UUID.class),
                row.getObject("connection_id", UUID.class),
                row.getObject("actor_user_id", Long.class),
                CommandOutcome.fromDatabase(row.getString("outcome")),
                row.getString("result_json"),
                row.getTimestamp("handled_at").toInstant());
    }
}
