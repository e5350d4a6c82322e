package com.madeup.calsync.emulator;

import java.time.ZoneId;

/** A calendar and its events. Mutable; guarded by the state lock. */
final class CalendarData {

    final String id;
    String summary;
    String description;
    String timeZone;
    ZoneId zone;
    /** The account that owns it; null for calendars no emulated account owns (e.g. holidays). */
    String ownerEmail;

    final EventStore events = new EventStore();
    /** Bumped by /emulator/sync-tokens/invalidate: older sync tokens then answer 410. */
    long tokenEpoch;

    long updatedMillis;
    long stamp;

    CalendarData(String id, String summary, String timeZone, String ownerEmail) {
        this.id = id;
        this.summary = summary;
        this.timeZone = timeZone;
        this.zone = ZoneId.of(timeZone);
        this.ownerEmail = ownerEmail;
    }
}
