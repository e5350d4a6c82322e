package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * The sender's id of one event command, chosen once and kept across retries: the outbound writer
 * skips a command id it already applied, and a create derives its provider event id from it
 * ({@link EventIds#fromCommand}). On the wire as the bare UUID string.
 */
public record CommandId(UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CommandId {
        Require.present(value, "CommandId.value");
    }

    /** Parses the UUID string form; a bad string throws IllegalArgumentException. */
    public static CommandId of(String value) {
        Require.present(value, "CommandId.value");
        try {
            return new CommandId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CommandId.value must be a UUID, was '" + value + "'", e);
        }
    }

    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
