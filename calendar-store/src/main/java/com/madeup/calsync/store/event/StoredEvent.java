package com.madeup.calsync.store.event;

import java.time.Instant;

/**
 * An event as read back from the database.
 *
 * @param id {@code calendar_events.id}
 * @param row the stored columns and invitations (with the matched {@code personId} filled in)
 * @param createdAt when we first stored it
 * @param updatedAt when we last changed it
 */
public record StoredEvent(long id, EventRow row, Instant createdAt, Instant updatedAt) {}
