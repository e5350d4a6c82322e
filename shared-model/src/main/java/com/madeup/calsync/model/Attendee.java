package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An attendee of an event as the provider lists it. Attendees that match no Person are kept, by
 * email, with a null {@code personId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attendee(
        String email, // the attendee's email at the provider; how they are matched to a Person
        PersonId personId, // the matching Person; null when no Person has this email
        String displayName, // the provider's display name; null when it has none
        ResponseStatus responseStatus, // their answer; UNKNOWN for a status this reader does not know
        boolean organizer, // true when this attendee organizes the event
        boolean optional) { // true when their attendance is optional

    /** Longest email accepted (RFC 5321 path limit is 256; this leaves room for provider oddities). */
    static final int MAX_EMAIL_LENGTH = 1024;

    public Attendee {
        Require.notBlank(email, "Attendee.email", MAX_EMAIL_LENGTH);
        Require.present(responseStatus, "Attendee.responseStatus");
    }
}
