package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An event as calsync stored it after a sync or a write. Text comes from the provider and is kept
 * whole: no length limits here (those apply to what users type, see {@link EventCommandRules}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventState(
        String summary, // the title; null when the provider has none
        String location, // free text; null when the provider has none
        String description, // free text (may hold provider HTML); null when the provider has none
        EventTime start, // when it starts
        EventTime end, // when it ends; for all-day events the exclusive end date
        EventStatus status, // CONFIRMED, TENTATIVE or CANCELLED
        String organizerEmail, // the organizer's email at the provider; null when the provider names none
        boolean organizedByConnectedUser, // true when the connected account organizes it (it may then be edited)
        List<Attendee> attendees, // every attendee the provider lists, matched to Persons where possible; may be empty
        MatterId matterId, // the linked matter from the private extended properties; null for none
        String etag, // the provider's etag of this version; used as If-Match on the next write
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant providerUpdated, // the provider's last-modified time, UTC
        EventId recurringEventId, // the series this instance belongs to; null for a single event or the series itself
        EventTime originalStartTime) { // the start the series' rule gave this instance; null unless recurringEventId is
    // set

    /** Longest etag accepted (Google's are about 20 characters). */
    static final int MAX_ETAG_LENGTH = 256;

    public EventState {
        Require.present(start, "EventState.start");
        Require.present(end, "EventState.end");
        Require.present(status, "EventState.status");
        attendees = Require.list(attendees, "EventState.attendees");
        Require.notBlank(etag, "EventState.etag", MAX_ETAG_LENGTH);
        Require.present(providerUpdated, "EventState.providerUpdated");
    }
}
