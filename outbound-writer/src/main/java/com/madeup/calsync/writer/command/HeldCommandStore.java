package com.madeup.calsync.writer.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands waiting for their connection to be re-authorized ({@code held_commands}, changeset
 * 0011). A held command stays {@code pending} in the ledger; its JSON waits here until re-driven.
 */
public final class HeldCommandStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HeldCommandStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void hold(UUID commandId, UUID connectionId, String commandJson, String reason) {
        jdbc.update(
                "INSERT INTO held_commands (command_id, connection_id, command_json, reason, held_at)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING",
                commandId,
                connectionId,
                commandJson,
                reason,
                Timestamp.from(clock.instant()));
    }

    boolean isHeld(UUID commandId) {
        return !jdbc.queryForList("SELECT 1 FROM held_commands WHERE command_id = ?", Integer.class, commandId)
                .isEmpty();
    }

    boolean anyHeld(UUID connectionId) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM held_commands WHERE connection_id = ? LIMIT 1", Integer.class, connectionId)
                .isEmpty();
    }

    /** The held commands' JSON of one connection, oldest first. */
    List<String> heldFor(UUID connectionId) {
        return jdbc.queryForList(
                "SELECT command_json::text FROM held_commands WHERE connection_id = ? ORDER BY held_at, command_id",
                String.class,
                connectionId);
    }

    /** A held command as stored. */
    record HeldCommand(UUID commandId, UUID connectionId, String commandJson, String reason, Instant heldAt) {}

    /**
     * Locks up to {@code limit} commands held since {@code cutoff} or earlier (oldest first), of one
     * connection or (null) of all, skipping rows another transaction has locked: two instances
     * sweeping at once never take the same command. Call it inside a transaction; the locks last
     * until it ends.
     */
    List<HeldCommand> lockHeldSince(Instant cutoff, UUID connectionId, int limit) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(Timestamp.from(cutoff));
        String ofConnection = "";
        if (connectionId != null) {
            ofConnection = " AND connection_id = ?";
            arguments.add(connectionId);
        }
        arguments.add(limit);
        return jdbc.query(
                "SELECT command_id, connection_id, command_json::text AS command_json, reason, held_at"
                        + " FROM held_commands WHERE held_at <= ?" + ofConnection
                        + " ORDER BY held_at, command_id LIMIT ? FOR UPDATE SKIP LOCKED",
                (row, i) -> new HeldCommand(
                        row.getObject("command_id", UUID.class),
                        row.getObject("connection_id", UUID.class),
                        row.getString("command_json"),
                        row.getString("reason"),
                        row.getTimestamp("held_at").toInstant()),
                arguments.toArray());
    }

    /** How many commands are held, over all connections. */
    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM held_commands", Long.class);
        return count == null ? 0 : count;
    }

    void release(UUID commandId) {
        jdbc.update("DELETE FROM held_commands WHERE command_id = ?", commandId);
    }
}
