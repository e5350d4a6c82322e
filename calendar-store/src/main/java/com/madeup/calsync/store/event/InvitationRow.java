package com.madeup.calsync.store.event;

import java.util.Objects;

/**
 * One attendee of an event as stored in {@code calendar_event_invitations}.
 *
 * @param email the attendee's email (unique per event, case-insensitively)
 * @param displayName the attendee's name as the provider gives it; may be null
 * @param responseStatus the provider's response status (e.g. needsAction, accepted); may be null
 * @param organizer whether this attendee is the organizer
 * @param optional whether the attendance is optional
 * @param personId the matching Person; null lets the store match a Person by email (or keep the
 *     attendee by email alone when none matches)
 */
public record InvitationRow(
        String email, String displayName, String responseStatus, boolean organizer, boolean optional, Long personId) {

    public InvitationRow {
        Objects.requireNonNull(email, "email");
        if (email.isBlank()) {
            throw new IllegalArgumentException("attendee email must not be blank");
        }
    }

    /** An attendee to be matched to a Person by email. */
    public static InvitationRow of(String email, String displayName, String responseStatus) {
        return new InvitationRow(email, displayName, responseStatus, false, false, null);
    }
}
