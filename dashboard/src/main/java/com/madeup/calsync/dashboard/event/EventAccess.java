package com.madeup.calsync.dashboard.event;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.event.CalendarEventStore;
import com.madeup.calsync.store.event.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may see and change what, the same rules the outbound writer applies: a user sees the events
 * of their own picked calendars; the organizer (the connected account organizes it) or an admin may
 * edit and delete; only on a connection that is active.
 */
@Component
public class EventAccess {

    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final CalendarEventStore events;

    EventAccess(ProviderConnectionRepository connections, CalendarRepository calendars, CalendarEventStore events) {
        this.connections = connections;
        this.calendars = calendars;
        this.events = events;
    }

    /** The user's connections (any status; a disconnected one stays visible read-only). */
    public List<ProviderConnection> connectionsOf(CurrentUser user) {
        return connections.findByUserId(user.id());
    }

    /** The picked calendars of every connection of the user. */
    public List<Calendar> visibleCalendars(CurrentUser user) {
        return connectionsOf(user).stream()
                .flatMap(connection -> calendars.findPicked(connection.id()).stream())
                .toList();
    }

    /** Picked calendars the user may create events on: owner or writer, on an active connection. */
    public List<Calendar> writableCalendars(CurrentUser user) {
        return connectionsOf(user).stream()
                .filter(connection -> connection.status() == ConnectionStatus.ACTIVE)
                .flatMap(connection -> calendars.findPicked(connection.id()).stream())
                .filter(calendar -> calendar.accessRole().canWrite())
                .toList();
    }

    /** Events of the user's picked calendars overlapping [from, to). */
    public List<Located> inRange(CurrentUser user, Instant from, Instant to) {
        List<Calendar> visible = visibleCalendars(user);
        if (visible.isEmpty()) {
            return List.of();
        }
        var byId = visible.stream().collect(java.util.stream.Collectors.toMap(Calendar::id, c -> c));
        var connectionsById =
                connectionsOf(user).stream().collect(java.util.stream.Collectors.toMap(ProviderConnection::id, c -> c));
        return events.findInRange(byId.keySet(), from, to, user.zone()).stream()
                .map(event -> {
                    Calendar calendar = byId.get(event.row().calendarId());
                    return new Located(event, calendar, connectionsById.get(calendar.connectionId()));
                })
                .toList();
    }

    /** One event, if the user may see it (their own calendar, or any calendar for an admin). */
    public Optional<Located> find(CurrentUser user, long eventId) {
        return events.findById(eventId)
                .flatMap(event -> calendars
                        .findById(event.row().calendarId())
                        .flatMap(calendar -> connections
                                .findById(calendar.connectionId())
                                .filter(connection -> user.admin() || connection.userId() == user.id())
                                .map(connection -> new Located(event, calendar, connection))));
    }

    public boolean canEdit(CurrentUser user, Located located) {
        if (located.connection().status() != ConnectionStatus.ACTIVE) {
            return false;
        }
        boolean organizer = located.connection().userId() == user.id()
                && located.event().row().organizedByConnectedUser();
        return organizer || user.admin();
    }

    /** An event with the calendar and connection it belongs to. */
    public record Located(StoredEvent event, Calendar calendar, ProviderConnection connection) {}
}
