package com.madeup.calsync.worker.sync;

import com.madeup.calsync.model.Attendee;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.model.PersonId;
import com.madeup.calsync.model.ResponseStatus;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Provider events to stored rows and to the published {@link EventState}. Text is kept whole. */
final class EventMapping {

    /** The private extended property linking an event to a matter; the outbound writer writes the same key. */
    static final String MATTER_PROPERTY = "calsyncMatterId";

    private static final Logger log = LoggerFactory.getLogger(EventMapping.class);

    private EventMapping() {}

    /** The row to upsert; throws IllegalArgumentException for an event the store cannot hold. */
    static EventRow toRow(long calendarId, ProviderEvent event) {
        EventTime start = event.start();
        EventTime end = event.end();
        boolean allDay = start != null && start.allDay();
        Instant startTime = null;
        Instant endTime = null;
        LocalDate startDate = null;
        LocalDate endDate = null;
        if (start != null && end != null) {
            if (allDay) {
                startDate = start.localDate();
                endDate = end.allDay() ? end.localDate() : start.localDate().plusDays(1);
            } else {
                startTime = start.offsetDateTime().toInstant();
                endTime = end.allDay() ? startTime : end.offsetDateTime().toInstant();
            }
        }
        var organizer = event.organizer();
        return new EventRow(
                calendarId,
                event.id(),
                startTime,
                endTime,
                start == null ? null : start.timeZone(),
                end == null ? null : end.timeZone(),
                startDate,
                endDate,
                allDay,
                event.location(),
                event.summary(),
                event.description(),
                matterId(event),
                organizer == null ? null : organizer.email(),
                organizer != null && organizer.self(),
                statusText(event),
                event.etag(),
                event.updated(),
                event.recurringEventId(),
                originalStart(event.originalStartTime()),
                invitations(event.attendees()));
    }

    /** The published state of a written event; person ids by lower-case email. */
    static EventState toState(ProviderEvent event, EventRow row, Map<String, Long> personIdsByEmail) {
        List<Attendee> attendees = new ArrayList<>();
        for (InvitationRow invitation : row.invitations()) {
            Long personId = personIdsByEmail.get(invitation.email().toLowerCase(Locale.ROOT));
            attendees.add(new Attendee(
                    invitation.email(),
                    personId == null ? null : new PersonId(personId),
                    invitation.displayName(),
                    ResponseStatus.fromWire(invitation.responseStatus()),
                    invitation.organizer(),
                    invitation.optional()));
        }
        return new EventState(
                event.summary(),
                event.location(),
                event.description(),
                modelTime(event.start()),
                modelTime(event.end()),
                EventStatus.fromWire(row.status()),
                row.organizerEmail(),
                row.organizedByConnectedUser(),
                attendees,
                row.matterId() == null ? null : new MatterId(row.matterId()),
                event.etag(),
                event.updated(),
                event.recurringEventId() == null ? null : new EventId(event.recurringEventId()),
                event.originalStartTime() == null ? null : modelTime(event.originalStartTime()));
    }

    static Long matterId(ProviderEvent event) {
        String value = event.privateProperties().get(MATTER_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        log.warn("Event {} has a non-numeric {} '{}'; matter link ignored", event.id(), MATTER_PROPERTY, value);
        return null;
    }

    private static String statusText(ProviderEvent event) {
        String wire = event.status().wire();
        return wire == null ? "confirmed" : wire;
    }

    private static String originalStart(EventTime time) {
        if (time == null) {
            return null;
        }
        return time.allDay() ? time.date() : time.dateTime();
    }

    private static List<InvitationRow> invitations(List<ProviderAttendee> attendees) {
        List<InvitationRow> rows = new ArrayList<>(attendees.size());
        for (ProviderAttendee attendee : attendees) {
            if (attendee.email() == null || attendee.email().isBlank()) {
                continue; // the store keys invitations by email; Google sends one for every real attendee
            }
            rows.add(new InvitationRow(
                    attendee.email(),
                    attendee.displayName(),
                    attendee.responseStatus() == null ? "needsAction" : attendee.responseStatus(),
                    attendee.organizer(),
                    attendee.optional(),
                    null));
        }
        return rows;
    }

    private static com.madeup.calsync.model.EventTime modelTime(EventTime time) {
        if (time.allDay()) {
            return com.madeup.calsync.model.EventTime.allDay(time.localDate());
        }
        OffsetDateTime at = time.offsetDateTime();
        try {
            return com.madeup.calsync.model.EventTime.at(at, time.timeZone());
        } catch (IllegalArgumentException notAnIanaName) {
            return com.madeup.calsync.model.EventTime.at(at, null);
        }
    }
}
