package com.madeup.calsync.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event as the provider holds it. A cancelled event from a sync may carry only {@code id} (and,
 * for a cancelled instance, {@code recurringEventId} and {@code originalStartTime}): every other
 * field may then be null or empty.
 *
 * @param id the provider's event id, unique per calendar
 * @param status confirmed, tentative or cancelled (deleted)
 * @param summary the title; may be null
 * @param description may be null
 * @param location may be null
 * @param start null only on cancelled events
 * @param end exclusive; null only on cancelled events
 * @param recurringEventId for an instance or exception: the series id; else null
 * @param originalStartTime for an instance: where the rule put it; else null
 * @param recurrence RRULE/EXRULE/RDATE/EXDATE lines of a series; empty otherwise
 * @param organizer may be null on tombstones
 * @param attendees the guests; empty when none or not sent
 * @param privateProperties {@code extendedProperties.private}: only this copy sees them (we keep the matter id here)
 * @param sharedProperties {@code extendedProperties.shared}: every attendee's copy sees them
 * @param etag changes with every change; opaque, compare for equality only
 * @param updated when the event last changed at the provider; null on some tombstones
 * @param iCalUid the RFC 5545 UID shared by all instances of a series
 * @param sequence the iCalendar sequence number; null when absent
 * @param htmlLink a link to the event in the provider's UI; may be null
 */
public record ProviderEvent(
        String id,
        EventStatus status,
        String summary,
        String description,
        String location,
        EventTime start,
        EventTime end,
        String recurringEventId,
        EventTime originalStartTime,
        List<String> recurrence,
        ProviderPerson organizer,
        List<ProviderAttendee> attendees,
        Map<String, String> privateProperties,
        Map<String, String> sharedProperties,
        String etag,
        Instant updated,
        String iCalUid,
        Integer sequence,
        String htmlLink) {

    public ProviderEvent {
        Objects.requireNonNull(id, "id");
        status = status == null ? EventStatus.CONFIRMED : status;
        recurrence = recurrence == null ? List.of() : List.copyOf(recurrence);
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        privateProperties = privateProperties == null ? Map.of() : Map.copyOf(privateProperties);
        sharedProperties = sharedProperties == null ? Map.of() : Map.copyOf(sharedProperties);
    }

    /** Deleted (or, with a recurringEventId, an instance removed from its series). */
    public boolean cancelled() {
        return status == EventStatus.CANCELLED;
    }
}
