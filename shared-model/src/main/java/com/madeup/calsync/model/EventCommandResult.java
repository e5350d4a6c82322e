package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one {@link EventCommand}. Sent by outbound-writer; consumed by dashboard and
 * upstream apps, which match it to their command by {@code commandId}. A command can get more than
 * one result (e.g. HELD, then APPLIED); the latest one counts. Topic
 * {@link Topics#EVENT_COMMAND_RESULT}, key = connection id. Schema
 * {@code schemas/event-command-result/v1.schema.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventCommandResult(
        MessageMeta meta, // messageId, type, version, occurredAt (when the outcome was known), connectionId
        CommandId commandId, // the command this answers
        CommandOutcome outcome, // APPLIED, REJECTED, CONFLICT, HELD or FAILED
        ResultReason reason, // why it was not applied; null when APPLIED, required otherwise
        String message, // human-readable detail, e.g. the rules broken; null for none; never holds secrets
        CalendarId calendarId, // the command's calendar
        EventId eventId, // the provider event id; required when APPLIED, else null if none was known yet
        String etag) { // the event's etag after the write; null unless APPLIED to a create or update

    public static final String TYPE = "event-command-result";
    public static final int VERSION = 1;

    /** Longest message kept; senders should cut longer texts (e.g. many violations). */
    public static final int MAX_MESSAGE_LENGTH = 4000;

    public EventCommandResult {
        Require.metaMatches(meta, TYPE, VERSION, "EventCommandResult");
        Require.present(commandId, "EventCommandResult.commandId");
        Require.present(outcome, "EventCommandResult.outcome");
        boolean notApplied = outcome != CommandOutcome.APPLIED && outcome != CommandOutcome.UNKNOWN;
        if (notApplied && reason == null) {
            throw new NullPointerException("EventCommandResult.reason is required when outcome is " + outcome.wire());
        }
        if (outcome == CommandOutcome.APPLIED && eventId == null) {
            throw new NullPointerException("EventCommandResult.eventId is required when outcome is applied");
        }
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("EventCommandResult.message must be at most " + MAX_MESSAGE_LENGTH
                    + " characters, was " + message.length());
        }
        Require.present(calendarId, "EventCommandResult.calendarId");
        Require.notBlankIfPresent(etag, "EventCommandResult.etag", EventState.MAX_ETAG_LENGTH);
    }
}
