package com.madeup.calsync.provider;

/**
 * A guest of an event.
 *
 * @param email the guest's address (required when adding)
 * @param displayName the guest's name, if known
 * @param responseStatus {@code needsAction}, {@code declined}, {@code tentative} or {@code accepted}; null = not given
 * @param optional whether attendance is optional
 * @param organizer read only: this guest organizes the event
 * @param self read only: this is the connected user's copy
 * @param resource read only after creation: a room or other resource
 */
public record ProviderAttendee(
        String email,
        String displayName,
        String responseStatus,
        boolean optional,
        boolean organizer,
        boolean self,
        boolean resource) {

    /** A guest to invite, not yet answered. */
    public static ProviderAttendee invite(String email, String displayName) {
        return new ProviderAttendee(email, displayName, "needsAction", false, false, false, false);
    }
}
