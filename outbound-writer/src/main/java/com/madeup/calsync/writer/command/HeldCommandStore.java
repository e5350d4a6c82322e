package com.madeup.calsync.writer.command;

import java.sql.Timestamp;
import java.time.Clock;
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

    void release(UUID commandId) {
        jdbc.update("DELETE FROM held_commands WHERE command_id = ?", commandId);
    }
}
