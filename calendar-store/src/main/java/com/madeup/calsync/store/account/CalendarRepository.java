package com.madeup.calsync.store.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Reads plus targeted updates of {@code calendars}; each update touches only its own columns. */
public interface CalendarRepository extends ListCrudRepository<Calendar, Long> {

    List<Calendar> findByConnectionIdOrderById(UUID connectionId);

    Optional<Calendar> findByConnectionIdAndProviderCalendarId(UUID connectionId, String providerCalendarId);

    @Query("SELECT * FROM calendars WHERE connection_id = :connectionId AND picked AND removed_at IS NULL ORDER BY id")
    List<Calendar> findPicked(UUID connectionId);

    /** Picked, present calendars not synced since {@code before}: the reconcile pass's work list. */
    @Query(
            "SELECT * FROM calendars WHERE picked AND removed_at IS NULL"
                    + " AND (last_synced_at IS NULL OR last_synced_at < :before) ORDER BY last_synced_at NULLS FIRST LIMIT :limit")
    List<Calendar> findQuietSince(Instant before, int limit);

    /**
     * Inserts or refreshes a calendar from the provider's calendar list (clearing {@code
     * removed_at}); keeps picked, sync state and timestamps. Returns the row id.
     */
    @Query("""
            INSERT INTO calendars (connection_id, provider_calendar_id, summary, time_zone, access_role,
                                   primary_calendar, created_at, updated_at)
            VALUES (:connectionId, :providerCalendarId, :summary, :timeZone, :accessRole, :primaryCalendar, :now, :now)
            ON CONFLICT (connection_id, provider_calendar_id) DO UPDATE
            SET summary = excluded.summary, time_zone = excluded.time_zone, access_role = excluded.access_role,
                primary_calendar = excluded.primary_calendar, removed_at = NULL, updated_at = excluded.updated_at
            RETURNING id
            """)
    long upsertFromProvider(
            UUID connectionId,
            String providerCalendarId,
            String summary,
            String timeZone,
            AccessRole accessRole,
            boolean primaryCalendar,
            Instant now);

    @Modifying
    @Query("UPDATE calendars SET picked = :picked, updated_at = :now WHERE id = :id")
    boolean updatePicked(long id, boolean picked, Instant now);

    /** After a sync pass: the new token and when; {@code fullSync} also sets last_full_sync_at. */
    @Modifying
    @Query("UPDATE calendars SET sync_token = :syncToken, last_synced_at = :now,"
            + " last_full_sync_at = CASE WHEN :fullSync THEN :now ELSE last_full_sync_at END, updated_at = :now"
            + " WHERE id = :id")
    boolean updateSyncState(long id, String syncToken, boolean fullSync, Instant now);

    /** The provider answered 410: forget the token so the next pass is a full sync. */
    @Modifying
    @Query("UPDATE calendars SET sync_token = NULL, updated_at = :now WHERE id = :id")
    boolean clearSyncToken(long id, Instant now);

    /**
     * A change notification received at {@code at}; keeps the latest. A calendar notified at or after
     * its last completed pass started ({@code last_synced_at}) still owes a pass.
     */
    @Modifying
    @Query("UPDATE calendars SET last_notified_at = GREATEST(last_notified_at, :at) WHERE id = :id")
    boolean updateLastNotified(long id, Instant at);

    /** Gone from the provider's list or access lost; the row and its events stay until cleaned up. */
    @Modifying
    @Query(
            "UPDATE calendars SET removed_at = :now, picked = false, updated_at = :now WHERE id = :id AND removed_at IS NULL")
    boolean markRemoved(long id, Instant now);
}
