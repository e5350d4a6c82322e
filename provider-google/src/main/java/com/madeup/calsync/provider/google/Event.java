package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Discovery {@code Event}, the fields calsync reads or writes. {@code created} and {@code updated}
 * stay RFC 3339 strings; only the mapping parses what it needs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record Event(
        String kind,
        String etag,
        String id,
        String status,
        String htmlLink,
        String created,
        String updated,
        String summary,
        String description,
        String location,
        EventOrganizer creator,
        EventOrganizer organizer,
        EventDateTime start,
        EventDateTime end,
        List<String> recurrence,
        String recurringEventId,
        EventDateTime originalStartTime,
        String transparency,
        String visibility,
        @JsonProperty("iCalUID") String iCalUid,
        Integer sequence,
        List<EventAttendee> attendees,
        ExtendedProperties extendedProperties,
        String eventType) {

    /** The body of an insert, update or patch: only what is set is sent. */
    static Event forWrite(
            String id,
            String status,
            String summary,
            String description,
            String location,
            EventDateTime start,
            EventDateTime end,
            List<String> recurrence,
            List<EventAttendee> attendees,
            ExtendedProperties extendedProperties) {
        return new Event(
                null,
                null,
                id,
                status,
                null,
                null,
                null,
                summary,
                description,
                location,
                null,
                null,
                start,
                end,
                recurrence,
                null,
                null,
                null,
                null,
                null,
                null,
                attendees,
                extendedProperties,
                null);
    }
}
