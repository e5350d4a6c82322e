package com.madeup.calsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.Attendee;
import com.madeup.calsync.model.CalendarEventChanged;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ChangeKind;
import com.madeup.calsync.model.ChangeSource;
import com.madeup.calsync.model.CommandId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.EventId;
import com.madeup.calsync.model.EventState;
import com.madeup.calsync.model.EventStatus;
import com.madeup.calsync.model.EventTime;
import com.madeup.calsync.model.MatterId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.PersonId;
import com.madeup.calsync.model.ResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The streaming writer must give the bytes Jackson's data binding gives for the shared model. */
class ChangeMessageJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConnectionId CONNECTION =
            new ConnectionId(UUID.fromString("3f1c0e1a-7d7e-4b8e-9a55-0c1d2e3f4a5b"));

    private final ChangeMessageJson writer = new ChangeMessageJson();

    @Test
    void aTimedEventWithEveryMemberIsWrittenAsTheMapperWritesIt() {
        EventState state = new EventState(
                "Quarterly \"review\" ✓ 😀",
                "Room 1\nFloor 2\t\u0001",
                "<p>Agenda</p> \\ back\u2028slash",
                EventTime.at(OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(1)), "Europe/Zurich"),
                EventTime.at(OffsetDateTime.of(2026, 3, 1, 11, 30, 15, 120_000_000, ZoneOffset.UTC), null),
                EventStatus.TENTATIVE,
                "boss@example.com",
                true,
                List.of(
                        new Attendee(
                                "a@example.com", new PersonId(42), "Ann", ResponseStatus.NEEDS_ACTION, true, false),
                        new Attendee("b@example.com", null, null, ResponseStatus.ACCEPTED, false, true)),
                new MatterId(7),
                "\"3345\"",
                Instant.parse("2026-02-01T08:09:10.123456789Z"),
                new EventId("series_1"),
                EventTime.allDay(LocalDate.of(2026, 3, 1)));
        assertSameAsMapper(change(ChangeKind.UPSERTED, state, ChangeSource.PROVIDER, null));
    }

    @Test
    void anAllDayEventWithoutOptionalMembersLeavesThemOut() {
        EventState state = new EventState(
                null,
                null,
                null,
                EventTime.allDay(LocalDate.of(2026, 12, 31)),
                EventTime.allDay(LocalDate.of(2027, 1, 1)),
                EventStatus.CONFIRMED,
                null,
                false,
                List.of(),
                null,
                "e1",
                Instant.parse("2026-02-01T08:09:00Z"),
                null,
                null);
        assertSameAsMapper(change(ChangeKind.UPSERTED, state, ChangeSource.PROVIDER, null));
    }

    @Test
    void everyStatusIsWrittenAsTheMapperWritesIt() {
        for (EventStatus status : EventStatus.values()) {
            for (ResponseStatus response : ResponseStatus.values()) {
                EventState state = new EventState(
                        "s",
                        null,
                        null,
                        EventTime.allDay(LocalDate.of(2026, 1, 1)),
                        EventTime.allDay(LocalDate.of(2026, 1, 2)),
                        status,
                        null,
                        false,
                        List.of(new Attendee("x@example.com", null, "X", response, false, false)),
                        null,
                        "e",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        null);
                assertSameAsMapper(change(ChangeKind.UPSERTED, state, ChangeSource.COMMAND, null));
            }
        }
    }

    @Test
    void deletionsAndCommandChangesAreWrittenAsTheMapperWritesThem() {
        assertSameAsMapper(change(ChangeKind.DELETED, null, ChangeSource.PROVIDER, null));
        assertSameAsMapper(change(
                ChangeKind.DELETED,
                null,
                ChangeSource.COMMAND,
                new CommandId(UUID.fromString("00000000-0000-4000-8000-000000000001"))));
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 1000, 253_402_300_799L + 1000);
            int nanos = randomNanos(random);
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(ChangeMessageJson.isoInstant(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge :
                new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z")}) {
            assertThat(ChangeMessageJson.isoInstant(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void offsetDateTimesAreWrittenAsTheIsoFormatterWritesThem() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 100_000, 253_402_300_799L + 100_000);
            int nanos = randomNanos(random);
            java.time.ZoneOffset offset = switch (random.nextInt(3)) {
                case 0 -> java.time.ZoneOffset.UTC;
                case 1 -> java.time.ZoneOffset.ofTotalSeconds(random.nextInt(-18, 19) * 900); // quarter hours
                default -> java.time.ZoneOffset.ofTotalSeconds(random.nextInt(-64_800, 64_801)); // any second
            };
            java.time.OffsetDateTime time =
                    java.time.OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
            assertThat(ChangeMessageJson.isoOffsetDateTime(time))
                    .isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameMessage() {
        CalendarEventChanged change = change(ChangeKind.DELETED, null, ChangeSource.PROVIDER, null);
        assertThat(JSON.readValue(writer.write(change), CalendarEventChanged.class))
                .isEqualTo(change);
    }

    /** None, whole milliseconds, whole microseconds or any nanoseconds: each way a fraction is written. */
    private static int randomNanos(java.util.Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private void assertSameAsMapper(CalendarEventChanged change) {
        assertThat(new String(writer.write(change), StandardCharsets.UTF_8))
                .isEqualTo(new String(JSON.writeValueAsBytes(change), StandardCharsets.UTF_8));
    }

    private static CalendarEventChanged change(
            ChangeKind kind, EventState state, ChangeSource source, CommandId commandId) {
        return new CalendarEventChanged(
                new MessageMeta(
                        UUID.fromString("a0a0a0a0-1111-4222-8333-444455556666"),
                        CalendarEventChanged.TYPE,
                        CalendarEventChanged.VERSION,
                        Instant.parse("2026-11-24T04:05:06.700Z"),
                        CONNECTION),
                new CalendarId("team@group.calendar.example"),
                new EventId("evt_1"),
                kind,
                state,
                source,
                commandId);
    }
}
