package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCommandRulesTest {

    private final EventCommandRules rules = new EventCommandRules();

    @Test
    void textsAtTheirLimitsPass() {
        EventDraft draft = new EventDraft(
                "s".repeat(140),
                "l".repeat(140),
                "d".repeat(600),
                Samples.timedDraft().start(),
                Samples.timedDraft().end(),
                List.of(),
                null);

        assertThat(rules.validate(Samples.create(draft))).isEmpty();
    }

    @Test
    void eachTextOneOverItsLimitFails() {
        EventDraft draft = new EventDraft(
                "s".repeat(141),
                "l".repeat(141),
                "d".repeat(601),
                Samples.timedDraft().start(),
                Samples.timedDraft().end(),
                List.of(),
                null);

        List<Violation> violations = rules.validate(Samples.update(draft));

        assertThat(violations)
                .extracting(Violation::field, Violation::code, Violation::message)
                .containsExactly(
                        tuple("draft.summary", "too_long", "must be at most 140 characters, was 141"),
                        tuple("draft.location", "too_long", "must be at most 140 characters, was 141"),
                        tuple("draft.description", "too_long", "must be at most 600 characters, was 601"));
        assertThat(Violation.describe(violations))
                .startsWith("draft.summary: must be at most 140 characters, was 141; draft.location: ");
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDCC5"; // one calendar emoji, two UTF-16 units
        EventDraft draft = Samples.draft(
                emoji.repeat(140),
                Samples.timedDraft().start(),
                Samples.timedDraft().end());

        assertThat(rules.validate(Samples.create(draft))).isEmpty();
    }

    @Test
    void endBeforeOrAtStartFails() {
        EventTime start = EventTime.at(Samples.TEN_AM_BERLIN, "Europe/Berlin");

        assertThat(rules.validate(Samples.create(
                        Samples.draft("x", start, EventTime.at(Samples.TEN_AM_BERLIN.minusMinutes(1), null)))))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("draft.end", "end_not_after_start"));
        assertThat(rules.validate(Samples.create(Samples.draft("x", start, start))))
                .extracting(Violation::code)
                .containsExactly("end_not_after_start");
    }

    @Test
    void endIsComparedAsAnInstantAcrossOffsets() {
        // 10:00+02:00 is 08:00Z; 09:30+00:00 is later even though its wall clock is earlier.
        EventTime start = EventTime.at(Samples.TEN_AM_BERLIN, null);
        EventTime end = EventTime.at(java.time.OffsetDateTime.parse("2027-06-15T09:30:00Z"), null);

        assertThat(rules.validate(Samples.create(Samples.draft("x", start, end))))
                .isEmpty();
    }

    @Test
    void allDayEndDateMustBeAfterTheStartDate() {
        EventTime day = EventTime.allDay(LocalDate.parse("2027-07-01"));

        assertThat(rules.validate(Samples.create(Samples.allDayDraft()))).isEmpty();
        assertThat(rules.validate(Samples.create(Samples.draft("x", day, day))))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("draft.end", "end_not_after_start"));
    }

    @Test
    void mixingAllDayAndTimedEndsFails() {
        EventDraft mixed = Samples.draft(
                "x", EventTime.allDay(LocalDate.parse("2027-06-15")), EventTime.at(Samples.TEN_AM_BERLIN, null));

        assertThat(rules.validate(Samples.create(mixed)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("draft.end", "mixed_time_kinds"));
    }

    @Test
    void aZoneTheTimeZoneDatabaseDoesNotKnowFails() {
        EventDraft draft = Samples.draft(
                "x",
                EventTime.at(Samples.TEN_AM_BERLIN, "Mars/Olympus_Mons"),
                EventTime.at(Samples.TEN_AM_BERLIN.plusHours(1), "Europe/Berlin"));

        assertThat(rules.validate(Samples.create(draft)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("draft.start.timeZone", "unknown_time_zone"));
    }

    @Test
    void aCreateEventIdMustBeOneTheProviderAccepts() {
        CreateEventCommand withBadId = new CreateEventCommand(
                Samples.meta(EventCommand.TYPE),
                Samples.COMMAND,
                Samples.ACTOR,
                Samples.CALENDAR,
                new EventId("Meeting_2027"),
                Samples.timedDraft());

        assertThat(rules.validate(withBadId))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("eventId", "invalid_event_id"));
    }

    @Test
    void aDeleteHasNothingToCheck() {
        DeleteEventCommand delete = new DeleteEventCommand(
                Samples.meta(EventCommand.TYPE), Samples.COMMAND, Samples.ACTOR, Samples.CALENDAR, Samples.EVENT, null);

        assertThat(rules.validate(delete)).isEmpty();
    }

    @Test
    void aDraftAloneIsReportedWithFieldNamesRelativeToIt() {
        EventDraft draft = Samples.draft(
                "s".repeat(141),
                Samples.timedDraft().start(),
                Samples.timedDraft().end());

        assertThat(rules.validateDraft(draft)).extracting(Violation::field).containsExactly("summary");
    }
}
