package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * One user's link to one provider account, and the Kafka key of every calsync topic (so all work of
 * a connection stays in order on one partition). On the wire as the bare UUID string.
 */
public record ConnectionId(UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ConnectionId {
        Require.present(value, "ConnectionId.value");
    }

    /** Parses the UUID string form, as used in Kafka keys; a bad string throws IllegalArgumentException. */
    public static ConnectionId of(String value) {
        Require.present(value, "ConnectionId.value");
        try {
            return new ConnectionId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ConnectionId.value must be a UUID, was '" + value + "'", e);
        }
    }

    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    /** The UUID string: the Kafka record key. */
    @Override
    public String toString() {
        return value.toString();
    }
}
