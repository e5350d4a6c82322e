package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.EventDraft;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.Invitee;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.store.account.Person;
import com.madeup.calsync.store.event.EventRow;
import com.madeup.calsync.store.event.InvitationRow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMappingTest {

    static final OffsetDateTime START = OffsetDateTime.of(2027, 2, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    static final Person ERIN = new Person(1L, "erin@example.com", "Erin", null, Instant.EPOCH);
    static final Person FRANK = new Person(2L, "frank@example.com", "Frank", null, Instant.EPOCH);

    static final EventRow STORED = new EventRow(
            1,
            "abcde12345",
            START.toInstant(),
            START.plusHours(1).toInstant(),
            "UTC",
            "UTC",
            null,
            null,
            false,
            "Room 1",
            "Planning",
            "Agenda",
            7L,
            "ada@example.com",
            true,
            "confirmed",
            "\"1\"",
            Instant.EPOCH,
            null,
            null,
            List.of(
                    new InvitationRow("ada@example.com", "Ada", "accepted", true, false, null),
                    new InvitationRow("erin@example.com", "Erin", "accepted", false, false, 1L)));

    static EventDraft desired(String summary, List<Person> invitees, Long matter) {
        return new EventDraft(
                summary,
                "Room 1",
                "Agenda",
                EventTime.at(START, "UTC"),
                EventTime.at(START.plusHours(1), "UTC"),
                invitees.stream().map(person -> Invitee.of(person.id())).toList(),
                matter == null ? null : new MatterId(matter));
    }

    @Test
    void theSameStateNeedsNoWrite() {
        assertThat(EventMapping.changes(STORED, desired("Planning", List.of(ERIN), 7L), List.of(ERIN)))
                .isNull();
    }

    @Test
    void onlyTheChangedFieldIsSent() {
        var changes = EventMapping.changes(STORED, desired("Planning v2", List.of(ERIN), 7L), List.of(ERIN));

        assertThat(changes.summary()).isEqualTo("Planning v2");
        assertThat(changes.location()).isNull();
        assertThat(changes.description()).isNull();
        assertThat(changes.start()).isNull();
        assertThat(changes.end()).isNull();
        assertThat(changes.attendees()).isNull();
        assertThat(changes.privateProperties()).isNull();
    }

    @Test
    void aChangedGuestListIsSentWholeKeepingAnswersAndTheOrganizer() {
        var changes = EventMapping.changes(STORED, desired("Planning", List.of(ERIN, FRANK), 7L), List.of(ERIN, FRANK));

        assertThat(changes.summary()).isNull();
        assertThat(changes.attendees())
                .extracting(ProviderAttendee::email, ProviderAttendee::responseStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada@example.com", "accepted"),
                        org.assertj.core.groups.Tuple.tuple("erin@example.com", "accepted"),
                        org.assertj.core.groups.Tuple.tuple("frank@example.com", "needsAction"));
    }

    @Test
    void anUnlinkedMatterIsClearedWithAnEmptyValue() {
        var changes = EventMapping.changes(STORED, desired("Planning", List.of(ERIN), null), List.of(ERIN));

        assertThat(changes.privateProperties()).isEqualTo(Map.of(EventMapping.MATTER_PROPERTY, ""));
    }

    @Test
    void attendeesThatAreNoPersonSurviveAGuestListChange() {
        EventRow withExternalGuest = new EventRow(
                STORED.calendarId(),
                STORED.providerEventId(),
                STORED.startTime(),
                STORED.endTime(),
                STORED.startTimeZone(),
                STORED.endTimeZone(),
                STORED.startDate(),
                STORED.endDate(),
                STORED.allDay(),
                STORED.location(),
                STORED.summary(),
                STORED.description(),
                STORED.matterId(),
                STORED.organizerEmail(),
                STORED.organizedByConnectedUser(),
                STORED.status(),
                STORED.etag(),
                STORED.providerUpdated(),
                STORED.recurringEventId(),
                STORED.originalStartTime(),
                List.of(
                        new InvitationRow("ada@example.com", "Ada", "accepted", true, false, null),
                        new InvitationRow("erin@example.com", "Erin", "accepted", false, false, 1L),
                        new InvitationRow("guest@partner.example", "Guest", "tentative", false, false, null)));

        var changes = EventMapping.changes(withExternalGuest, desired("Planning", List.of(FRANK), 7L), List.of(FRANK));

        assertThat(changes.attendees())
                .extracting(ProviderAttendee::email)
                .containsExactlyInAnyOrder("ada@example.com", "frank@example.com", "guest@partner.example");
        assertThat(changes.attendees())
                .filteredOn(attendee -> attendee.email().equals("guest@partner.example"))
                .extracting(ProviderAttendee::responseStatus)
                .containsExactly("tentative");
    }

    @Test
    void aGuestListOfOnlyExternalAttendeesIsUnchangedWithNoInvitees() {
        EventRow onlyExternal = new EventRow(
                STORED.calendarId(),
                STORED.providerEventId(),
                STORED.startTime(),
                STORED.endTime(),
                STORED.startTimeZone(),
                STORED.endTimeZone(),
                STORED.startDate(),
                STORED.endDate(),
                STORED.allDay(),
                STORED.location(),
                STORED.summary(),
                STORED.description(),
                STORED.matterId(),
                STORED.organizerEmail(),
                STORED.organizedByConnectedUser(),
                STORED.status(),
                STORED.etag(),
                STORED.providerUpdated(),
                STORED.recurringEventId(),
                STORED.originalStartTime(),
                List.of(new InvitationRow("guest@partner.example", "Guest", "accepted", false, false, null)));

        assertThat(EventMapping.changes(onlyExternal, desired("Planning", List.of(), 7L), List.of()))
                .isNull();
    }
}
