package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The envelope part every calsync message starts with. Consumers skip a {@code messageId} they
 * already handled (delivery is at least once).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageMeta(
        UUID messageId, // unique per message, kept when the same message is re-sent
        String type, // the contract's TYPE, e.g. "sync-requested"
        int version, // the contract's major version; equals the topic's .v<N> suffix
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt, // when the fact happened, ISO-8601 UTC
        ConnectionId connectionId) { // the connection the message is about; also the Kafka key

    /** Longest type name accepted. */
    static final int MAX_TYPE_LENGTH = 100;

    public MessageMeta {
        Require.present(messageId, "MessageMeta.messageId");
        Require.notBlank(type, "MessageMeta.type", MAX_TYPE_LENGTH);
        if (version < 1) {
            throw new IllegalArgumentException("MessageMeta.version must be at least 1, was " + version);
        }
        Require.present(occurredAt, "MessageMeta.occurredAt");
        Require.present(connectionId, "MessageMeta.connectionId");
    }

    /**
     * A new envelope for a message of the given contract, stamped now by {@code clock} with a fresh
     * id from {@code messageIds} (e.g. {@code UUID::randomUUID} in production, a fixed one in tests).
     */
    public static MessageMeta create(
            String type, int version, ConnectionId connectionId, Clock clock, Supplier<UUID> messageIds) {
        return new MessageMeta(messageIds.get(), type, version, clock.instant(), connectionId);
    }
}
