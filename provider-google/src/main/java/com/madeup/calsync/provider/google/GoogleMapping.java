package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.Page;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderCalendar;
import com.madeup.calsync.provider.ProviderChannel;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.ProviderPerson;
import com.madeup.calsync.provider.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Google wire records to and from the port's provider-neutral types. */
final class GoogleMapping {

    private GoogleMapping() {}

    static Page<ProviderEvent> toPage(Events events) {
        List<Event> items = events.items() == null ? List.of() : events.items();
        List<ProviderEvent> mapped = new ArrayList<>(items.size());
        for (Event item : items) {
            mapped.add(toEvent(item));
        }
        return new Page<>(mapped, events.nextPageToken(), events.nextSyncToken());
    }

    /** @throws IllegalArgumentException on a value Google would never send (no id, bad timestamp) */
    static ProviderEvent toEvent(Event event) {
        if (event.id() == null) {
            throw new IllegalArgumentException("event without id");
        }
        ExtendedProperties extended = event.extendedProperties();
        return new ProviderEvent(
                event.id(),
                EventStatus.fromWire(event.status()),
                event.summary(),
                event.description(),
                event.location(),
                toTime(event.start()),
                toTime(event.end()),
                event.recurringEventId(),
                toTime(event.originalStartTime()),
                event.recurrence(),
                toPerson(event.organizer()),
                toAttendees(event.attendees()),
                extended == null ? null : extended.privateProperties(),
                extended == null ? null : extended.sharedProperties(),
                event.etag(),
                event.updated() == null ? null : Rfc3339.instant(event.updated()),
                event.iCalUid(),
                event.sequence(),
                event.htmlLink());
    }

    private static EventTime toTime(EventDateTime time) {
        if (time == null || (time.date() == null && time.dateTime() == null)) {
            return null;
        }
        // Tolerate both set (never seen, but cheap): the dateTime is the more precise one.
        return time.dateTime() != null
                ? new EventTime(null, time.dateTime(), time.timeZone())
                : new EventTime(time.date(), null, time.timeZone());
    }

    private static ProviderPerson toPerson(EventOrganizer organizer) {
        if (organizer == null) {
            return null;
        }
        return new ProviderPerson(organizer.email(), organizer.displayName(), isTrue(organizer.self()));
    }

    private static List<ProviderAttendee> toAttendees(List<EventAttendee> attendees) {
        if (attendees == null || attendees.isEmpty()) {
            return List.of();
        }
        List<ProviderAttendee> mapped = new ArrayList<>(attendees.size());
        for (EventAttendee attendee : attendees) {
            mapped.add(new ProviderAttendee(
                    attendee.email(),
                    attendee.displayName(),
                    attendee.responseStatus(),
                    isTrue(attendee.optional()),
                    isTrue(attendee.organizer()),
                    isTrue(attendee.self()),
                    isTrue(attendee.resource())));
        }
        return mapped;
    }

    static Event toWire(EventDraft draft) {
        ExtendedProperties extended = draft.privateProperties() == null && draft.sharedProperties() == null
                ? null
                : new ExtendedProperties(draft.privateProperties(), draft.sharedProperties());
        return Event.forWrite(
                draft.id(),
                draft.status() == null ? null : draft.status().wire(),
                draft.summary(),
                draft.description(),
                draft.location(),
                toWire(draft.start()),
                toWire(draft.end()),
                draft.recurrence(),
                draft.attendees() == null
                        ? null
                        : draft.attendees().stream()
                                .map(attendee -> new EventAttendee(
                                        null,
                                        attendee.email(),
                                        attendee.displayName(),
                                        null,
                                        null,
                                        null,
                                        attendee.optional() ? Boolean.TRUE : null,
                                        attendee.responseStatus(),
                                        null,
                                        null))
                                .toList(),
                extended);
    }

    private static EventDateTime toWire(EventTime time) {
        return time == null ? null : new EventDateTime(time.date(), time.dateTime(), time.timeZone());
    }

    static ProviderCalendar toCalendar(CalendarListEntry entry) {
        if (entry.id() == null) {
            throw new IllegalArgumentException("calendar list entry without id");
        }
        return new ProviderCalendar(
                entry.id(),
                entry.summaryOverride() != null ? entry.summaryOverride() : entry.summary(),
                entry.description(),
                entry.timeZone(),
                entry.accessRole(),
                isTrue(entry.primary()),
                isTrue(entry.deleted()),
                isTrue(entry.hidden()),
                entry.etag());
    }

    static Page<ProviderCalendar> toCalendarPage(CalendarList list) {
        List<CalendarListEntry> items = list.items() == null ? List.of() : list.items();
        return new Page<>(
                items.stream().map(GoogleMapping::toCalendar).toList(), list.nextPageToken(), list.nextSyncToken());
    }

    static ProviderChannel toChannel(Channel channel) {
        if (channel.id() == null) {
            throw new IllegalArgumentException("channel without id");
        }
        Instant expiration = channel.expiration() == null
                        || channel.expiration().isBlank()
                ? null
                : Instant.ofEpochMilli(Long.parseLong(channel.expiration().strip()));
        return new ProviderChannel(
                channel.id(), channel.resourceId(), channel.resourceUri(), channel.token(), expiration);
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
