package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Update an event ({@code "action": "update"}) to the given user-editable state. The writer patches
 * only the fields that differ from the stored event, with {@code If-Match} when an etag is given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateEventCommand(
        MessageMeta meta, // messageId, type "event-command", version, occurredAt, connectionId
        CommandId commandId, // the sender's id of this command, kept across retries
        Actor actor, // who asked for it
        CalendarId calendarId, // the calendar the event is on
        EventId eventId, // the provider event id to update
        EventDraft draft, // the complete desired user-editable state (not a patch); the writer sends what differs
        String expectedEtag) // the etag the sender last saw; null: overwrite without a concurrency check
        implements EventCommand {

    /** The {@code "action"} value of an update. */
    public static final String ACTION_NAME = "update";

    public UpdateEventCommand {
        Require.metaMatches(meta, TYPE, VERSION, "UpdateEventCommand");
        Require.present(commandId, "UpdateEventCommand.commandId");
        Require.present(actor, "UpdateEventCommand.actor");
        Require.present(calendarId, "UpdateEventCommand.calendarId");
        Require.present(eventId, "UpdateEventCommand.eventId");
        Require.present(draft, "UpdateEventCommand.draft");
        Require.notBlankIfPresent(expectedEtag, "UpdateEventCommand.expectedEtag", EventState.MAX_ETAG_LENGTH);
    }
}
