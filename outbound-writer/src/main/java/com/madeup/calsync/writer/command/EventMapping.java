package com.madeup.calsync.writer.command;

import com.madeup.calsync.model.Attendee;
import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.model.PersonId;
import com.madeup.calsync.model.ResponseStatus;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import com.madeup.calsync.store.event.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Conversions between commands, provider events and stored rows. Pure functions. */
final class EventMapping {

    /** The private extended property holding the matter link; the sync worker reads the same key. */
    static final String MATTER_PROPERTY = "calsyncMatterId";

    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private EventMapping() {}

    /** The whole event to insert, with our client-chosen id. */
    static com.madeup.calsync.provider.EventDraft forInsert(EventId id, EventDraft draft, List<Person> invitees) {
        var builder = com.madeup.calsync.provider.EventDraft.builder()
                .id(id.value())
                .summary(draft.summary())
                .description(draft.description())
                .location(draft.location())
                .start(providerTime(draft.start()))
                .end(providerTime(draft.end()));
        if (!invitees.isEmpty()) {
            builder.attendees(invitees.stream()
                    .map(person -> ProviderAttendee.invite(person.email(), person.displayName()))
                    .toList());
        }
        if (draft.matterId() != null) {
            builder.privateProperties(
                    Map.of(MATTER_PROPERTY, Long.toString(draft.matterId().value())));
        }
        return builder.build();
    }

    /**
     * Only what differs between the stored event and the desired state; null when nothing does. A
     * changed guest list is sent whole (Google replaces arrays on patch), keeping the answers of
     * guests who stay and the organizer's own entry.
     */
    static com.madeup.calsync.provider.EventDraft changes(EventRow stored, EventDraft desired, List<Person> invitees) {
        var builder = com.madeup.calsync.provider.EventDraft.builder();
        boolean changed = false;
        if (!text(stored.summary()).equals(text(desired.summary()))) {
            builder.summary(text(desired.summary()));
            changed = true;
        }
        if (!text(stored.location()).equals(text(desired.location()))) {
            builder.location(text(desired.location()));
            changed = true;
        }
        if (!text(stored.description()).equals(text(desired.description()))) {
            builder.description(text(desired.description()));
            changed = true;
        }
        if (!sameStart(stored, desired.start()) || !sameEnd(stored, desired.end())) {
            // Start and end go together: Google checks their order on the patched result.
            builder.start(providerTime(desired.start())).end(providerTime(desired.end()));
            changed = true;
        }
        // Only guests that are Persons can be chosen in the app, so only they are compared. Attendees
        // known to Google by email alone are not the command's to remove: they are carried along.
        Set<String> storedGuests = stored.invitations().stream()
                .filter(invitation -> !invitation.organizer() && invitation.personId() != null)
                .map(invitation -> lower(invitation.email()))
                .collect(Collectors.toSet());
        Set<String> desiredGuests =
                invitees.stream().map(person -> lower(person.email())).collect(Collectors.toSet());
        if (!storedGuests.equals(desiredGuests)) {
            Map<String, InvitationRow> byEmail = new HashMap<>();
            stored.invitations().forEach(invitation -> byEmail.put(lower(invitation.email()), invitation));
            List<ProviderAttendee> attendees = new ArrayList<>();
            stored.invitations().stream()
                    .filter(InvitationRow::organizer)
                    .forEach(organizer -> attendees.add(new ProviderAttendee(
                            organizer.email(),
                            organizer.displayName(),
                            organizer.responseStatus(),
                            organizer.optional(),
                            false,
                            false,
                            false)));
            for (Person person : invitees) {
                InvitationRow staying = byEmail.get(lower(person.email()));
                attendees.add(
                        staying == null || staying.organizer()
                                ? ProviderAttendee.invite(person.email(), person.displayName())
                                : new ProviderAttendee(
                                        person.email(),
                                        person.displayName(),
                                        staying.responseStatus(),
                                        staying.optional(),
                                        false,
                                        false,
                                        false));
            }
            stored.invitations().stream()
                    .filter(invitation -> !invitation.organizer() && invitation.personId() == null)
                    .filter(invitation -> !desiredGuests.contains(lower(invitation.email())))
                    .forEach(external -> attendees.add(new ProviderAttendee(
                            external.email(),
                            external.displayName(),
                            external.responseStatus(),
                            external.optional(),
                            false,
                            false,
                            false)));
            builder.attendees(attendees);
            changed = true;
        }
        Long desiredMatter =
                desired.matterId() == null ? null : desired.matterId().value();
        if (!Objects.equals(stored.matterId(), desiredMatter)) {
            // Google merges extendedProperties on patch; an empty value is how we unlink.
            builder.privateProperties(
                    Map.of(MATTER_PROPERTY, desiredMatter == null ? "" : Long.toString(desiredMatter)));
            changed = true;
        }
        return changed ? builder.build() : null;
    }

    /** The provider's event as a row, the way a sync would store it. */
    static EventRow toRow(long calendarId, ProviderEvent event) {
        var start = event.start();
        var end = event.end();
        boolean allDay = start != null && start.allDay();
        List<InvitationRow> invitations = event.attendees().stream()
                .filter(attendee ->
                        attendee.email() != null && !attendee.email().isBlank())
                .map(attendee -> new InvitationRow(
                        attendee.email(),
                        attendee.displayName(),
                        attendee.responseStatus(),
                        attendee.organizer(),
                        attendee.optional(),
                        null))
                .toList();
        var original = event.originalStartTime();
        return new EventRow(
                calendarId,
                event.id(),
                start == null || allDay ? null : start.offsetDateTime().toInstant(),
                end == null || allDay ? null : end.offsetDateTime().toInstant(),
                start == null ? null : start.timeZone(),
                end == null ? null : end.timeZone(),
                allDay ? start.localDate() : null,
                allDay && end != null ? end.localDate() : null,
                allDay,
                event.location(),
                event.summary(),
                event.description(),
                matterId(event.privateProperties().get(MATTER_PROPERTY)),
                event.organizer() == null ? null : event.organizer().email(),
                event.organizer() != null && event.organizer().self(),
                Objects.requireNonNullElse(event.status().wire(), "confirmed"),
                event.etag(),
                event.updated(),
                event.recurringEventId(),
                original == null ? null : original.allDay() ? original.date() : original.dateTime(),
                invitations);
    }

    /** The stored event as published in {@code calendar-event-changed}. */
    static EventState toState(StoredEvent stored) {
        EventRow row = stored.row();
        return new EventState(
                row.summary(),
                row.location(),
                row.description(),
                row.allDay()
                        ? EventTime.allDay(row.startDate())
                        : EventTime.at(atZone(row.startTime(), row.startTimeZone()), zoneOrNull(row.startTimeZone())),
                row.allDay()
                        ? EventTime.allDay(row.endDate())
                        : EventTime.at(atZone(row.endTime(), row.endTimeZone()), zoneOrNull(row.endTimeZone())),
                EventStatus.fromWire(row.status()),
                row.organizerEmail(),
                row.organizedByConnectedUser(),
                row.invitations().stream()
                        .map(invitation -> new Attendee(
                                invitation.email(),
                                invitation.personId() == null ? null : new PersonId(invitation.personId()),
                                invitation.displayName(),
                                responseStatus(invitation.responseStatus()),
                                invitation.organizer(),
                                invitation.optional()))
                        .toList(),
                row.matterId() == null ? null : new MatterId(row.matterId()),
                row.etag(),
                Objects.requireNonNullElse(row.providerUpdated(), stored.updatedAt()),
                row.recurringEventId() == null ? null : new EventId(row.recurringEventId()),
                originalStart(row.originalStartTime()));
    }

    private static com.madeup.calsync.provider.EventTime providerTime(EventTime time) {
        return time.isAllDay()
                ? com.madeup.calsync.provider.EventTime.allDay(time.date())
                : com.madeup.calsync.provider.EventTime.at(time.dateTime(), time.timeZone());
    }

    private static boolean sameStart(EventRow row, EventTime time) {
        return sameTime(row.allDay(), row.startDate(), row.startTime(), row.startTimeZone(), time);
    }

    private static boolean sameEnd(EventRow row, EventTime time) {
        return sameTime(row.allDay(), row.endDate(), row.endTime(), row.endTimeZone(), time);
    }

    private static boolean sameTime(boolean allDay, LocalDate date, Instant instant, String zone, EventTime time) {
        if (allDay != time.isAllDay()) {
            return false;
        }
        if (allDay) {
            return time.date().equals(date);
        }
        // A desired time without a zone keeps whatever zone the provider holds.
        return time.dateTime().toInstant().equals(instant)
                && (time.timeZone() == null || time.timeZone().equals(zone));
    }

    private static Long matterId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    private static OffsetDateTime atZone(Instant instant, String zone) {
        String known = zoneOrNull(zone);
        return known == null
                ? instant.atOffset(ZoneOffset.UTC)
                : instant.atZone(ZoneId.of(known)).toOffsetDateTime();
    }

    private static String zoneOrNull(String zone) {
        return zone != null && KNOWN_ZONES.contains(zone) ? zone : null;
    }

    private static EventTime originalStart(String text) {
        if (text == null) {
            return null;
        }
        return text.length() == 10
                ? EventTime.allDay(LocalDate.parse(text))
                : EventTime.at(OffsetDateTime.parse(text), null);
    }

    private static ResponseStatus responseStatus(String google) {
        if (google == null) {
            return ResponseStatus.UNKNOWN;
        }
        return switch (google) {
            case "needsAction" -> ResponseStatus.NEEDS_ACTION;
            case "declined" -> ResponseStatus.DECLINED;
            case "tentative" -> ResponseStatus.TENTATIVE;
            case "accepted" -> ResponseStatus.ACCEPTED;
            default -> ResponseStatus.UNKNOWN;
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
