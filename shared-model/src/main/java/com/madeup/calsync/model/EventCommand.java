package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Create, update or delete one event at the provider. Sent by dashboard, webhook-ingress (for
 * upstream apps) and upstream apps; consumed by outbound-writer, which answers each with an
 * {@link EventCommandResult}. Topic {@link Topics#EVENT_COMMAND}, key = connection id. Schema
 * {@code schemas/event-command/v1.schema.json}.
 *
 * <p>On the wire the property {@code "action"} ({@code "create"}, {@code "update"},
 * {@code "delete"}) says which; no Java class name is sent. An unknown action fails to read.
 *
 * <p>The records check structure only. Field limits and time order are checked by
 * {@link EventCommandRules}, so a command that breaks them is still readable and gets a
 * {@link CommandOutcome#REJECTED} result instead of going to the dead-letter topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = EventCommand.ACTION)
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateEventCommand.class, name = CreateEventCommand.ACTION_NAME),
    @JsonSubTypes.Type(value = UpdateEventCommand.class, name = UpdateEventCommand.ACTION_NAME),
    @JsonSubTypes.Type(value = DeleteEventCommand.class, name = DeleteEventCommand.ACTION_NAME)
})
public sealed interface EventCommand permits CreateEventCommand, UpdateEventCommand, DeleteEventCommand {

    String TYPE = "event-command";
    int VERSION = 1;

    /** The JSON property that names the action. */
    String ACTION = "action";

    /** messageId, type, version, occurredAt (when the sender issued it), connectionId. */
    MessageMeta meta();

    /** The sender's id of the command, kept across retries; the idempotency key. */
    CommandId commandId();

    /** Who asked for it. */
    Actor actor();

    /** The calendar the event is on (or is to be created on). */
    CalendarId calendarId();

    /** The provider's event id; null only on a create that lets the writer derive it. */
    EventId eventId();
}
