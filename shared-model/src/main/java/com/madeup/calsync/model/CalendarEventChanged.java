package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An event was stored or removed. Sent by sync-worker (changes read from the provider) and
 * outbound-writer (its own writes) after the database commit; consumed by dashboard (live updates)
 * and upstream apps. The same state may arrive twice (the writer's change, then the sync of the
 * provider's echo); consumers compare {@code event.etag}. Topic {@link Topics#CALENDAR_EVENT_CHANGED},
 * key = connection id. Schema {@code schemas/calendar-event-changed/v1.schema.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarEventChanged(
        MessageMeta meta, // messageId, type, version, occurredAt (when it was stored), connectionId
        CalendarId calendarId, // the calendar the event is on
        EventId eventId, // the provider event id
        ChangeKind change, // UPSERTED (event holds the new state) or DELETED (event is null)
        EventState event, // the stored state; null when DELETED
        ChangeSource source, // PROVIDER (a sync read it) or COMMAND (the writer wrote it)
        CommandId commandId) { // the command that caused it when source is COMMAND; else null

    public static final String TYPE = "calendar-event-changed";
    public static final int VERSION = 1;

    public CalendarEventChanged {
        Require.metaMatches(meta, TYPE, VERSION, "CalendarEventChanged");
        Require.present(calendarId, "CalendarEventChanged.calendarId");
        Require.present(eventId, "CalendarEventChanged.eventId");
        Require.present(change, "CalendarEventChanged.change");
        if (change == ChangeKind.UPSERTED) {
            Require.present(event, "CalendarEventChanged.event (change upserted)");
        }
        if (change == ChangeKind.DELETED && event != null) {
            throw new IllegalArgumentException("CalendarEventChanged.event must be null when change is deleted");
        }
        Require.present(source, "CalendarEventChanged.source");
    }
}
