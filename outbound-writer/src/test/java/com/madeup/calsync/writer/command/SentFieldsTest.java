package com.madeup.calsync.writer.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.provider.EventDraft;
import com.madeup.calsync.provider.EventStatus;
import com.madeup.calsync.provider.EventTime;
import com.madeup.calsync.provider.ProviderAttendee;
import com.madeup.calsync.provider.ProviderEvent;
import com.madeup.calsync.provider.ProviderPerson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SentFieldsTest {

    static final OffsetDateTime START = OffsetDateTime.of(2027, 2, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    static ProviderEvent atProvider(String summary, List<String> guests, Map<String, String> properties) {
        return new ProviderEvent(
                "abcde12345",
                EventStatus.CONFIRMED,
                summary,
                "Agenda",
                "Room 1",
                // Same instants as START, written with another offset.
                EventTime.at(START.withOffsetSameInstant(ZoneOffset.ofHours(1)), "UTC"),
                EventTime.at(START.plusHours(1).withOffsetSameInstant(ZoneOffset.ofHours(1)), "UTC"),
                null,
                null,
                List.of(),
                new ProviderPerson("ada@example.com", "Ada", true),
                guests.stream()
                        .map(email -> ProviderAttendee.invite(email, null))
                        .toList(),
                properties,
                Map.of(),
                "\"2\"",
                Instant.EPOCH,
                "uid",
                1,
                null);
    }

    @Test
    void anEventWithEverySentFieldCarriesTheWrite() {
        SentFields sent = SentFields.of(EventDraft.builder()
                .summary("Planning v2")
                .start(EventTime.at(START, "UTC"))
                .end(EventTime.at(START.plusHours(1), "UTC"))
                .attendees(List.of(
                        ProviderAttendee.invite("ada@example.com", "Ada"),
                        ProviderAttendee.invite("Erin@Example.com", "Erin")))
                .privateProperties(Map.of("calsyncMatterId", "7"))
                .build());

        // The organizer may be listed or not; e-mail case does not matter.
        assertThat(sent.carriedBy(
                        atProvider("Planning v2", List.of("erin@example.com"), Map.of("calsyncMatterId", "7"))))
                .isTrue();
        assertThat(sent.carriedBy(atProvider(
                        "Planning v2", List.of("ada@example.com", "erin@example.com"), Map.of("calsyncMatterId", "7"))))
                .isTrue();
    }

    @Test
    void aDifferenceInAnySentFieldMeansTheWriteIsNotThere() {
        SentFields sent = SentFields.of(EventDraft.builder()
                .summary("Planning v2")
                .attendees(List.of(ProviderAttendee.invite("erin@example.com", "Erin")))
                .privateProperties(Map.of("calsyncMatterId", "7"))
                .build());

        assertThat(sent.carriedBy(atProvider("Planning", List.of("erin@example.com"), Map.of("calsyncMatterId", "7"))))
                .as("summary")
                .isFalse();
        assertThat(sent.carriedBy(atProvider(
                        "Planning v2",
                        List.of("erin@example.com", "frank@example.com"),
                        Map.of("calsyncMatterId", "7"))))
                .as("guests")
                .isFalse();
        assertThat(sent.carriedBy(
                        atProvider("Planning v2", List.of("erin@example.com"), Map.of("calsyncMatterId", "8"))))
                .as("matter")
                .isFalse();
        SentFields moved = SentFields.of(EventDraft.builder()
                .start(EventTime.at(START.plusMinutes(30), "UTC"))
                .end(EventTime.at(START.plusHours(1), "UTC"))
                .build());
        assertThat(moved.carriedBy(atProvider("x", List.of(), Map.of())))
                .as("start")
                .isFalse();
        SentFields allDay = SentFields.of(EventDraft.builder()
                .start(EventTime.allDay(LocalDate.of(2027, 2, 1)))
                .end(EventTime.allDay(LocalDate.of(2027, 2, 2)))
                .build());
        assertThat(allDay.carriedBy(atProvider("x", List.of(), Map.of())))
                .as("all-day vs timed")
                .isFalse();
    }

    @Test
    void unlinkingTheMatterIsCarriedWhetherTheProviderKeepsAnEmptyValueOrDropsTheKey() {
        SentFields unlink = SentFields.of(EventDraft.builder()
                .privateProperties(Map.of("calsyncMatterId", ""))
                .build());

        assertThat(unlink.carriedBy(atProvider("x", List.of(), Map.of()))).isTrue();
        assertThat(unlink.carriedBy(atProvider("x", List.of(), Map.of("calsyncMatterId", ""))))
                .isTrue();
        assertThat(unlink.carriedBy(atProvider("x", List.of(), Map.of("calsyncMatterId", "7"))))
                .isFalse();
    }

    @Test
    void theIntentSurvivesItsJsonFormInTheLedger() {
        JsonMapper json = JsonMapper.builder().build();
        SentFields sent = SentFields.of(EventDraft.builder()
                .summary("")
                .start(EventTime.at(START, "UTC"))
                .end(EventTime.at(START.plusHours(1), null))
                .attendees(List.of(ProviderAttendee.invite("erin@example.com", "Erin")))
                .privateProperties(Map.of("calsyncMatterId", "7"))
                .build());

        SentFields read = json.readValue(json.writeValueAsString(sent), SentFields.class);

        assertThat(read).isEqualTo(sent);
        assertThat(read.location()).isNull();
    }
}
