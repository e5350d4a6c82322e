package com.madeup.calsync.store.event;

/**
 * The outcome of upserting one event.
 *
 * @param calendarId the event's calendar
 * @param providerEventId the provider's event id
 * @param eventId our {@code calendar_events.id}; null when {@link UpsertOutcome#UNCHANGED}
 * @param outcome inserted, updated or unchanged
 */
public record UpsertResult(long calendarId, String providerEventId, Long eventId, UpsertOutcome outcome) {}
