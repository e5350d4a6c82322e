package com.madeup.calsync.store.account;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A provider calendar of a connection ({@code calendars}), unique per (connection, provider id).
 * Several writers touch different columns (the dashboard picks, the worker stores sync tokens), so
 * there is no version: change it through the targeted updates of {@link CalendarRepository}.
 *
 * @param providerCalendarId the provider's calendar id
 * @param accessRole the connected account's role on it
 * @param primaryCalendar whether it is the account's primary calendar
 * @param picked whether the user chose to sync it
 * @param syncToken the provider's nextSyncToken; null means the next sync is a full one
 * @param removedAt when it disappeared from the provider's list or access was lost; null while present
 */
@Table("calendars")
public record Calendar(
        @Id Long id,
        UUID connectionId,
        String providerCalendarId,
        String summary,
        String timeZone,
        AccessRole accessRole,
        boolean primaryCalendar,
        boolean picked,
        String syncToken,
        Instant lastSyncedAt,
        Instant lastFullSyncAt,
        Instant lastNotifiedAt,
        Instant removedAt,
        Instant createdAt,
        Instant updatedAt) {}
