package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.Actor;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommand;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.UpdateEventCommand;
import com.madeup.calsync.model.UserId;
import com.madeup.calsync.store.account.Calendar;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The only class that sends to {@link Topics#EVENT_COMMAND}; key = the calendar's connection id. */
@Component
class EventCommands {

    static final String VIA = "dashboard";

    private final ContractPublisher publisher;
    private final CommandResults results;
    private final Clock clock;

    EventCommands(ContractPublisher publisher, CommandResults results, Clock clock) {
        this.publisher = publisher;
        this.results = results;
        this.clock = clock;
    }

    CommandId create(CurrentUser user, Calendar calendar, EventDraft draft) {
        CommandId commandId = new CommandId(UUID.randomUUID());
        // The event id is left to the writer: EventIds.fromCommand(commandId), stable across retries.
        return send(
                user,
                new CreateEventCommand(
                        meta(calendar),
                        commandId,
                        actor(user),
                        new CalendarId(calendar.providerCalendarId()),
                        null,
                        draft));
    }

    CommandId update(CurrentUser user, EventAccess.Located located, EventDraft draft) {
        return send(
                user,
                new UpdateEventCommand(
                        meta(located.calendar()),
                        new CommandId(UUID.randomUUID()),
                        actor(user),
                        new CalendarId(located.calendar().providerCalendarId()),
                        new EventId(located.event().row().providerEventId()),
                        draft,
                        located.event().row().etag()));
    }

    CommandId delete(CurrentUser user, EventAccess.Located located) {
        return send(
                user,
                new DeleteEventCommand(
                        meta(located.calendar()),
                        new CommandId(UUID.randomUUID()),
                        actor(user),
                        new CalendarId(located.calendar().providerCalendarId()),
                        new EventId(located.event().row().providerEventId()),
                        located.event().row().etag()));
    }

    private CommandId send(CurrentUser user, EventCommand command) {
        results.issued(command.commandId(), user.id());
        publisher.publishAndWait(
                Topics.EVENT_COMMAND, command.meta().connectionId().toString(), command);
        return command.commandId();
    }

    private MessageMeta meta(Calendar calendar) {
        return MessageMeta.create(
                EventCommand.TYPE,
                EventCommand.VERSION,
                new ConnectionId(calendar.connectionId()),
                clock,
                UUID::randomUUID);
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(new UserId(user.id()), VIA);
    }
}
