package com.madeup.calsync.store.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One calendar event as written to {@code calendar_events} (and its invitations). Provider data is
 * kept whole: nothing here is truncated.
 *
 * @param calendarId our {@code calendars.id}
 * @param providerEventId the provider's event id (column {@code uuid})
 * @param startTime start instant of a timed event; null for an all-day event
 * @param endTime end instant of a timed event; null for an all-day event
 * @param startTimeZone the provider's IANA zone of the start (EventDateTime.timeZone); may be null
 * @param endTimeZone the provider's IANA zone of the end; may be null
 * @param startDate first day of an all-day event; null for a timed event
 * @param endDate day after the last day of an all-day event (exclusive, as Google sends it)
 * @param allDay whether the event has dates rather than times
 * @param location free text; may be null
 * @param summary the title; may be null
 * @param description may be null
 * @param matterId the linked matter ({@code extendedProperties.private}); may be null and need not
 *     exist in {@code matters}
 * @param organizerEmail the organizer's email; may be null
 * @param organizedByConnectedUser whether the connected account organizes it
 * @param status the provider's status: confirmed, tentative or cancelled
 * @param etag the provider's etag; the upsert writes only when it differs from the stored one
 * @param providerUpdated the provider's {@code updated}; an older value than the stored one is ignored
 * @param recurringEventId the series id for an instance of a recurring event; may be null
 * @param originalStartTime for an instance: the provider's originalStartTime as ISO text, either an
 *     offset date-time ({@code 2026-03-01T10:00:00+01:00}) or a date ({@code 2026-03-01}); may be null
 * @param invitations the attendees; replaced as a whole whenever the event changes
 */
public record EventRow(
        long calendarId,
        String providerEventId,
        Instant startTime,
        Instant endTime,
        String startTimeZone,
        String endTimeZone,
        LocalDate startDate,
        LocalDate endDate,
        boolean allDay,
        String location,
        String summary,
        String description,
        Long matterId,
        String organizerEmail,
        boolean organizedByConnectedUser,
        String status,
        String etag,
        Instant providerUpdated,
        String recurringEventId,
        String originalStartTime,
        List<InvitationRow> invitations) {

    public EventRow {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(status, "status");
        if (providerEventId.isBlank()) {
            throw new IllegalArgumentException("providerEventId must not be blank");
        }
        boolean cancelled = "cancelled".equals(status);
        if (!cancelled && allDay && (startDate == null || endDate == null)) {
            throw new IllegalArgumentException("all-day event " + providerEventId + " needs startDate and endDate");
        }
        if (!cancelled && !allDay && (startTime == null || endTime == null)) {
            throw new IllegalArgumentException("timed event " + providerEventId + " needs startTime and endTime");
        }
        invitations = invitations == null ? List.of() : List.copyOf(invitations);
    }

    /** This row with another etag and provider {@code updated} (e.g. after a write to the provider). */
    public EventRow withVersion(String newEtag, Instant newProviderUpdated) {
        return new EventRow(
                calendarId,
                providerEventId,
                startTime,
                endTime,
                startTimeZone,
                endTimeZone,
                startDate,
                endDate,
                allDay,
                location,
                summary,
                description,
                matterId,
                organizerEmail,
                organizedByConnectedUser,
                status,
                newEtag,
                newProviderUpdated,
                recurringEventId,
                originalStartTime,
                invitations);
    }
}
