package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The user-editable state of an event as a user typed it. The constructor checks structure only;
 * the seed's length limits and the time order are {@link EventCommandRules}, so an over-long summary
 * still reads and is rejected with a reason.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventDraft(
        String summary, // the title; null for none; at most 140 characters (EventCommandRules)
        String location, // free text; null for none; at most 140 characters (EventCommandRules)
        String description, // free text; null for none; at most 600 characters (EventCommandRules)
        EventTime start, // when it starts
        EventTime end, // when it ends: after start; for all-day events the exclusive end date
        List<Invitee> invitees, // Persons to invite, the complete list; empty for none
        MatterId matterId) { // the linked matter, kept in the event's private extended properties; null for none

    public EventDraft {
        Require.present(start, "EventDraft.start");
        Require.present(end, "EventDraft.end");
        invitees = Require.list(invitees, "EventDraft.invitees");
    }
}
