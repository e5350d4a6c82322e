package com.madeup.calsync.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Fixed, valid values to build messages from in tests; each test changes what it is about. */
final class Samples {

    static final ConnectionId CONNECTION = ConnectionId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    static final CalendarId CALENDAR = new CalendarId("anna.berger@madeup.example");
    static final EventId EVENT = new EventId("s5hi6ll7hr0ipm8p84e1et4rv4");
    static final CommandId COMMAND = CommandId.of("e2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a7c");
    static final Actor ACTOR = new Actor(new UserId(42), "dashboard");
    static final Instant NOW = Instant.parse("2026-11-24T10:02:11.538Z");
    static final OffsetDateTime TEN_AM_BERLIN = OffsetDateTime.parse("2027-06-15T10:00:00+02:00");

    static MessageMeta meta(String type) {
        return new MessageMeta(UUID.fromString("3c5e7a9b-1d2f-4e6a-8b0c-2d4f6a8b0c1e"), type, 1, NOW, CONNECTION);
    }

    static EventDraft draft(String summary, EventTime start, EventTime end) {
        return new EventDraft(
                summary, "Room 4.12", "Agenda", start, end, List.of(Invitee.of(1017)), new MatterId(5531));
    }

    static EventDraft timedDraft() {
        return draft(
                "Client meeting",
                EventTime.at(TEN_AM_BERLIN, "Europe/Berlin"),
                EventTime.at(TEN_AM_BERLIN.plusMinutes(90), "Europe/Berlin"));
    }

    static EventDraft allDayDraft() {
        return draft(
                "Filing deadline",
                EventTime.allDay(LocalDate.parse("2027-07-01")),
                EventTime.allDay(LocalDate.parse("2027-07-02")));
    }

    static CreateEventCommand create(EventDraft draft) {
        return new CreateEventCommand(meta(EventCommand.TYPE), COMMAND, ACTOR, CALENDAR, null, draft);
    }

    static UpdateEventCommand update(EventDraft draft) {
        return new UpdateEventCommand(
                meta(EventCommand.TYPE), COMMAND, ACTOR, CALENDAR, EVENT, draft, "\"3372811744284000\"");
    }

    static EventState state() {
        return new EventState(
                "Client meeting",
                null,
                null,
                EventTime.at(TEN_AM_BERLIN, "Europe/Berlin"),
                EventTime.at(TEN_AM_BERLIN.plusHours(1), "Europe/Berlin"),
                EventStatus.CONFIRMED,
                "anna.berger@madeup.example",
                true,
                List.of(),
                null,
                "\"3372811744284000\"",
                NOW,
                null,
                null);
    }

    private Samples() {}
}
