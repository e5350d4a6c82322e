package com.madeup.calsync.store.account;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One user's link to one provider account ({@code provider_connections}); its id is the Kafka key
 * of all the connection's work. One connection per user and provider.
 *
 * @param version optimistic lock; null for a connection not saved yet
 */
@Table("provider_connections")
public record ProviderConnection(
        @Id UUID id,
        long userId,
        String provider,
        String accountEmail,
        ConnectionStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    /** A new active connection; the caller supplies the id (the store generates none). */
    public static ProviderConnection create(UUID id, long userId, String provider, String accountEmail, Instant now) {
        return new ProviderConnection(
                id, userId, provider, accountEmail, ConnectionStatus.ACTIVE, null, now, now, null);
    }

    public ProviderConnection withStatus(ConnectionStatus newStatus, String reason, Instant now) {
        return new ProviderConnection(id, userId, provider, accountEmail, newStatus, reason, createdAt, now, version);
    }
}
