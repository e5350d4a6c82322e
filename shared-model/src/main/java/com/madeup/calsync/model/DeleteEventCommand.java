package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Delete an event ({@code "action": "delete"}); deleting one that is already gone counts as applied. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteEventCommand(
        MessageMeta meta, // messageId, type "event-command", version, occurredAt, connectionId
        CommandId commandId, // the sender's id of this command, kept across retries
        Actor actor, // who asked for it
        CalendarId calendarId, // the calendar the event is on
        EventId eventId, // the provider event id to delete
        String expectedEtag) // the etag the sender last saw; null: delete without a concurrency check
        implements EventCommand {

    /** The {@code "action"} value of a delete. */
    public static final String ACTION_NAME = "delete";

    public DeleteEventCommand {
        Require.metaMatches(meta, TYPE, VERSION, "DeleteEventCommand");
        Require.present(commandId, "DeleteEventCommand.commandId");
        Require.present(actor, "DeleteEventCommand.actor");
        Require.present(calendarId, "DeleteEventCommand.calendarId");
        Require.present(eventId, "DeleteEventCommand.eventId");
        Require.notBlankIfPresent(expectedEtag, "DeleteEventCommand.expectedEtag", EventState.MAX_ETAG_LENGTH);
    }
}
