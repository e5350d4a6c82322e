package com.madeup.calsync.store.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ProviderConnectionRepository extends ListCrudRepository<ProviderConnection, UUID> {

    Optional<ProviderConnection> findByUserIdAndProvider(long userId, String provider);

    List<ProviderConnection> findByUserId(long userId);

    /**
     * Sets the status without a version check (e.g. a worker marking needs_reauth while the
     * dashboard holds an older copy); returns whether the connection exists. Bumps the version so
     * a stale {@code save} fails instead of undoing it.
     */
    @Modifying
    @Query("UPDATE provider_connections SET status = :status, status_reason = :reason, updated_at = :now,"
            + " version = version + 1 WHERE id = :id")
    boolean updateStatus(UUID id, ConnectionStatus status, String reason, Instant now);

    /** The calendarList.list nextSyncToken of the last calendar-list sync; empty: read the whole list. */
    @Query("SELECT calendar_list_sync_token FROM provider_connections WHERE id = :id")
    Optional<String> findCalendarListSyncToken(UUID id);

    /** Stores (or with null forgets, after a 410) the calendar-list sync token; not versioned. */
    @Modifying
    @Query("UPDATE provider_connections SET calendar_list_sync_token = :syncToken WHERE id = :id")
    boolean updateCalendarListSyncToken(UUID id, String syncToken);
}
