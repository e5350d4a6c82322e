package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Create an event ({@code "action": "create"}). The writer inserts it with a client-chosen event id
 * so a retried create cannot make a duplicate.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateEventCommand(
        MessageMeta meta, // messageId, type "event-command", version, occurredAt, connectionId
        CommandId commandId, // the sender's id of this command, kept across retries
        Actor actor, // who asked for it
        CalendarId calendarId, // the calendar to create the event on
        EventId eventId, // the provider event id to use; null: the writer uses EventIds.fromCommand(commandId)
        EventDraft draft) // what to create
        implements EventCommand {

    /** The {@code "action"} value of a create. */
    public static final String ACTION_NAME = "create";

    public CreateEventCommand {
        Require.metaMatches(meta, TYPE, VERSION, "CreateEventCommand");
        Require.present(commandId, "CreateEventCommand.commandId");
        Require.present(actor, "CreateEventCommand.actor");
        Require.present(calendarId, "CreateEventCommand.calendarId");
        Require.present(draft, "CreateEventCommand.draft");
    }

    /** The provider event id the writer uses: the given one, else the one derived from the command id. */
    public EventId effectiveEventId() {
        return eventId != null ? eventId : EventIds.fromCommand(commandId);
    }
}
