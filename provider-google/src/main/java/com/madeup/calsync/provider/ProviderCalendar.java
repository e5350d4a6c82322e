package com.madeup.calsync.provider;

import java.util.Objects;

/**
 * A calendar in the user's list.
 *
 * @param id the provider's calendar id (Google: the primary calendar's id is the account email)
 * @param summary the title as the user sees it (their override when they set one)
 * @param description may be null
 * @param timeZone IANA zone; may be null
 * @param accessRole {@code freeBusyReader}, {@code reader}, {@code writer} or {@code owner}, or a newer value
 * @param primary the account's main calendar
 * @param deleted removed from the list (only in incremental results)
 * @param hidden hidden from the list in the provider's UI
 * @param etag opaque
 */
public record ProviderCalendar(
        String id,
        String summary,
        String description,
        String timeZone,
        String accessRole,
        boolean primary,
        boolean deleted,
        boolean hidden,
        String etag) {

    public ProviderCalendar {
        Objects.requireNonNull(id, "id");
    }

    /** Whether the user may create and edit events here. */
    public boolean writable() {
        return "owner".equals(accessRole) || "writer".equals(accessRole);
    }
}
