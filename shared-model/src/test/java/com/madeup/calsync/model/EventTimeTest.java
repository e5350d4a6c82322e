package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class EventTimeTest {

    private static final String TIMED = "{\"dateTime\":\"2027-06-15T10:00:00+02:00\",\"timeZone\":\"Europe/Berlin\"}";

    @Test
    void timedTimeKeepsItsOffsetWithADefaultMapper() {
        EventTime read = ContractJson.PLAIN.readValue(TIMED, EventTime.class);

        assertThat(read.dateTime().getOffset().getId()).isEqualTo("+02:00");
        assertThat(read.dateTime()).isEqualTo(OffsetDateTime.parse("2027-06-15T10:00:00+02:00"));
        assertThat(ContractJson.PLAIN.writeValueAsString(read)).isEqualTo(TIMED);
    }

    @Test
    void timedTimeKeepsItsOffsetWhenTheMapperHasAnotherTimeZone() {
        JsonMapper newYork = JsonMapper.builder()
                .defaultTimeZone(TimeZone.getTimeZone("America/New_York"))
                .enable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();

        EventTime read = newYork.readValue(TIMED, EventTime.class);

        assertThat(read.dateTime().getOffset().getId()).isEqualTo("+02:00");
        assertThat(newYork.writeValueAsString(read)).isEqualTo(TIMED);
    }

    @Test
    void timesAreIsoStringsEvenWhenTheMapperWritesDatesAsTimestamps() {
        JsonMapper timestamps = JsonMapper.builder()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        assertThat(timestamps.writeValueAsString(EventTime.at(Samples.TEN_AM_BERLIN, null)))
                .isEqualTo("{\"dateTime\":\"2027-06-15T10:00:00+02:00\"}");
        assertThat(timestamps.writeValueAsString(EventTime.allDay(LocalDate.parse("2027-07-01"))))
                .isEqualTo("{\"date\":\"2027-07-01\"}");
        assertThat(timestamps.writeValueAsString(Samples.meta("sync-requested")))
                .contains("\"occurredAt\":\"2026-11-24T10:02:11.538Z\"");
    }

    @Test
    void instantsStayUtcWhenTheMapperHasAnotherTimeZone() {
        JsonMapper newYork = JsonMapper.builder()
                .defaultTimeZone(TimeZone.getTimeZone("America/New_York"))
                .build();

        String json = newYork.writeValueAsString(Samples.meta("sync-requested"));

        assertThat(json).contains("\"occurredAt\":\"2026-11-24T10:02:11.538Z\"");
        assertThat(newYork.readValue(json, MessageMeta.class)).isEqualTo(Samples.meta("sync-requested"));
    }

    @Test
    void unreadableTimesFailWithTheMemberAndValue() {
        assertThatThrownBy(() -> ContractJson.PLAIN.readValue("{\"dateTime\":\"2027-06-15 10:00\"}", EventTime.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining(
                        "EventTime.dateTime must be an RFC 3339 date-time with offset, was '2027-06-15 10:00'");
        assertThatThrownBy(
                        () -> ContractJson.PLAIN.readValue("{\"dateTime\":\"2027-06-15T10:00:00\"}", EventTime.class))
                .as("a local time without offset is ambiguous")
                .hasMessageContaining("EventTime.dateTime must be an RFC 3339 date-time with offset");
        assertThatThrownBy(() -> ContractJson.PLAIN.readValue("{\"date\":20270701}", EventTime.class))
                .hasMessageContaining("EventTime.date must be a string, was 20270701");
    }

    @Test
    void unknownAndNullMembersAreIgnored() {
        EventTime read = ContractJson.PLAIN.readValue(
                "{\"date\":\"2027-07-01\",\"dateTime\":null,\"timeZoneLabel\":\"CEST\"}", EventTime.class);

        assertThat(read).isEqualTo(EventTime.allDay(LocalDate.parse("2027-07-01")));
    }

    @Test
    void allDayTimeIsADateOnly() {
        EventTime read = ContractJson.PLAIN.readValue("{\"date\":\"2027-07-01\"}", EventTime.class);

        assertThat(read).isEqualTo(EventTime.allDay(LocalDate.parse("2027-07-01")));
        assertThat(read.isAllDay()).isTrue();
        assertThat(ContractJson.PLAIN.writeValueAsString(read)).isEqualTo("{\"date\":\"2027-07-01\"}");
    }

    @Test
    void exactlyOneOfDateTimeAndDateIsSet() {
        assertThatThrownBy(() -> new EventTime(null, null, "Europe/Berlin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventTime needs exactly one of dateTime (timed) or date (all-day), got neither");
        assertThatThrownBy(() -> new EventTime(Samples.TEN_AM_BERLIN, LocalDate.parse("2027-06-15"), null))
                .hasMessageEndingWith("got both");
        assertThatThrownBy(() -> ContractJson.PLAIN.readValue("{\"timeZone\":\"Europe/Berlin\"}", EventTime.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("exactly one of dateTime (timed) or date (all-day)");
    }

    @Test
    void timeZoneMustBeShapedLikeAnIanaName() {
        assertThat(EventTime.at(Samples.TEN_AM_BERLIN, "America/Argentina/Buenos_Aires")
                        .timeZone())
                .isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(EventTime.at(Samples.TEN_AM_BERLIN, "Etc/GMT-2").timeZone()).isEqualTo("Etc/GMT-2");
        assertThat(EventTime.at(Samples.TEN_AM_BERLIN, "UTC").timeZone()).isEqualTo("UTC");

        for (String bad : new String[] {"+02:00", "Europe/Berlin ", "", "Central European Time", "Europe//Berlin"}) {
            assertThatThrownBy(() -> EventTime.at(Samples.TEN_AM_BERLIN, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("EventTime.timeZone must be an IANA zone name like 'Europe/Berlin', was '" + bad + "'");
        }
    }
}
