package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.node.ObjectNode;

/** The records refuse what no reader could act on, with messages that name the field. */
class ContractValidationTest {

    @Test
    void metaIsStampedFromTheGivenClockAndIdSource() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
        UUID id = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

        MessageMeta meta =
                MessageMeta.create(SyncRequested.TYPE, SyncRequested.VERSION, Samples.CONNECTION, clock, () -> id);

        assertThat(meta)
                .isEqualTo(new MessageMeta(
                        id, "sync-requested", 1, Instant.parse("2026-11-24T08:00:00Z"), Samples.CONNECTION));
    }

    @Test
    void metaRequiresEveryField() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> new MessageMeta(null, "sync-requested", 1, Samples.NOW, Samples.CONNECTION))
                .hasMessage("MessageMeta.messageId is required");
        assertThatThrownBy(() -> new MessageMeta(id, " ", 1, Samples.NOW, Samples.CONNECTION))
                .hasMessage("MessageMeta.type must not be blank");
        assertThatThrownBy(() -> new MessageMeta(id, "sync-requested", 0, Samples.NOW, Samples.CONNECTION))
                .hasMessage("MessageMeta.version must be at least 1, was 0");
        assertThatThrownBy(() -> new MessageMeta(id, "sync-requested", 1, null, Samples.CONNECTION))
                .hasMessage("MessageMeta.occurredAt is required");
        assertThatThrownBy(() -> new MessageMeta(id, "sync-requested", 1, Samples.NOW, null))
                .hasMessage("MessageMeta.connectionId is required");
    }

    @Test
    void aMessageWhoseMetaNamesAnotherContractIsRefused() {
        assertThatThrownBy(() -> new SyncRequested(
                        Samples.meta("calendar-change-notified"), null, SyncReason.OPERATOR, SyncMode.FULL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SyncRequested.meta.type must be 'sync-requested', was 'calendar-change-notified'");

        MessageMeta v2 = new MessageMeta(UUID.randomUUID(), "sync-requested", 2, Samples.NOW, Samples.CONNECTION);
        assertThatThrownBy(() -> new SyncRequested(v2, null, SyncReason.OPERATOR, SyncMode.FULL))
                .hasMessage("SyncRequested.meta.version must be 1, was 2");

        assertThatThrownBy(() -> new DeleteEventCommand(
                        Samples.meta("event-command-result"),
                        Samples.COMMAND,
                        Samples.ACTOR,
                        Samples.CALENDAR,
                        Samples.EVENT,
                        null))
                .hasMessage("DeleteEventCommand.meta.type must be 'event-command', was 'event-command-result'");
    }

    @Test
    void aWrongMetaTypeInJsonFailsToReadWithTheReason() {
        ObjectNode json =
                (ObjectNode) ContractJson.fixture("sync-requested", "v1.json").tree();
        ((ObjectNode) json.get("meta")).put("type", "sync-requested-typo");

        assertThatThrownBy(() -> ContractJson.PLAIN.treeToValue(json, SyncRequested.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("SyncRequested.meta.type must be 'sync-requested', was 'sync-requested-typo'");
    }

    @Test
    void notificationRequiresItsHeadersAndACalendarForEventChannels() {
        MessageMeta meta = Samples.meta(CalendarChangeNotified.TYPE);

        assertThatThrownBy(() -> new CalendarChangeNotified(
                        meta, WatchedResource.EVENTS, null, "ch-1", "res-1", ResourceState.EXISTS, 2, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("CalendarChangeNotified.calendarId (resource events) is required");
        assertThatThrownBy(() -> new CalendarChangeNotified(
                        meta, WatchedResource.EVENTS, Samples.CALENDAR, "", "res-1", ResourceState.EXISTS, 2, null))
                .hasMessage("CalendarChangeNotified.channelId must not be blank");
        assertThatThrownBy(() -> new CalendarChangeNotified(
                        meta, WatchedResource.EVENTS, Samples.CALENDAR, "ch-1", "res-1", null, 2, null))
                .hasMessage("CalendarChangeNotified.state is required");
        assertThatThrownBy(() -> new CalendarChangeNotified(
                        meta,
                        WatchedResource.EVENTS,
                        Samples.CALENDAR,
                        "ch-1",
                        "res-1",
                        ResourceState.EXISTS,
                        -1,
                        null))
                .hasMessage("CalendarChangeNotified.messageNumber must not be negative, was -1");

        CalendarChangeNotified calendarList = new CalendarChangeNotified(
                meta, WatchedResource.CALENDAR_LIST, null, "ch-2", "res-2", ResourceState.SYNC, 1, null);
        assertThat(calendarList.calendarId()).isNull();
    }

    @Test
    void missingPrimitiveFieldsFailToRead() {
        ObjectNode json = (ObjectNode)
                ContractJson.fixture("calendar-change-notified", "v1.json").tree();
        json.remove("messageNumber");

        assertThatThrownBy(() -> ContractJson.PLAIN.treeToValue(json, CalendarChangeNotified.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("messageNumber");
    }

    @Test
    void syncRequestNeedsReasonAndMode() {
        MessageMeta meta = Samples.meta(SyncRequested.TYPE);

        assertThatThrownBy(() -> new SyncRequested(meta, null, null, SyncMode.FULL))
                .hasMessage("SyncRequested.reason is required");
        assertThatThrownBy(() -> new SyncRequested(meta, null, SyncReason.OPERATOR, null))
                .hasMessage("SyncRequested.mode is required");
    }

    @Test
    void commandsRequireIdsActorAndDraft() {
        MessageMeta meta = Samples.meta(EventCommand.TYPE);
        EventDraft draft = Samples.timedDraft();

        assertThatThrownBy(() -> new CreateEventCommand(meta, null, Samples.ACTOR, Samples.CALENDAR, null, draft))
                .hasMessage("CreateEventCommand.commandId is required");
        assertThatThrownBy(() -> new CreateEventCommand(meta, Samples.COMMAND, null, Samples.CALENDAR, null, draft))
                .hasMessage("CreateEventCommand.actor is required");
        assertThatThrownBy(() ->
                        new CreateEventCommand(meta, Samples.COMMAND, Samples.ACTOR, Samples.CALENDAR, null, null))
                .hasMessage("CreateEventCommand.draft is required");
        assertThatThrownBy(() -> new UpdateEventCommand(
                        meta, Samples.COMMAND, Samples.ACTOR, Samples.CALENDAR, null, draft, null))
                .hasMessage("UpdateEventCommand.eventId is required");
        assertThatThrownBy(() -> new UpdateEventCommand(
                        meta, Samples.COMMAND, Samples.ACTOR, Samples.CALENDAR, Samples.EVENT, draft, ""))
                .hasMessage("UpdateEventCommand.expectedEtag must not be blank");
        assertThatThrownBy(
                        () -> new DeleteEventCommand(meta, Samples.COMMAND, Samples.ACTOR, null, Samples.EVENT, null))
                .hasMessage("DeleteEventCommand.calendarId is required");
        assertThatThrownBy(() -> new Actor(new UserId(42), " ")).hasMessage("Actor.via must not be blank");
        assertThatThrownBy(() -> new Actor(null, "dashboard")).hasMessage("Actor.userId is required");
    }

    @Test
    void draftChecksStructureAndCopiesItsList() {
        EventTime start = EventTime.at(Samples.TEN_AM_BERLIN, null);
        List<Invitee> invitees = new ArrayList<>(List.of(Invitee.of(1017)));

        EventDraft draft = new EventDraft("x".repeat(500), null, null, start, start, invitees, null);
        invitees.add(Invitee.of(1042));

        assertThat(draft.invitees()).containsExactly(Invitee.of(1017));
        assertThat(draft.summary()).as("limits are rules, not structure").hasSize(500);
        assertThatThrownBy(() -> new EventDraft(null, null, null, null, start, List.of(), null))
                .hasMessage("EventDraft.start is required");
        assertThatThrownBy(() -> new EventDraft(null, null, null, start, start, null, null))
                .hasMessage("EventDraft.invitees is required");
        assertThatThrownBy(() -> new EventDraft(
                        null, null, null, start, start, java.util.Arrays.asList(Invitee.of(1), null), null))
                .hasMessage("EventDraft.invitees[1] is required");
    }

    @Test
    void resultNeedsAReasonUnlessAppliedAndAnEventIdWhenApplied() {
        MessageMeta meta = Samples.meta(EventCommandResult.TYPE);

        assertThatThrownBy(() -> new EventCommandResult(
                        meta, Samples.COMMAND, CommandOutcome.REJECTED, null, "no", Samples.CALENDAR, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("EventCommandResult.reason is required when outcome is rejected");
        assertThatThrownBy(() -> new EventCommandResult(
                        meta, Samples.COMMAND, CommandOutcome.APPLIED, null, null, Samples.CALENDAR, null, "\"1\""))
                .hasMessage("EventCommandResult.eventId is required when outcome is applied");
        assertThatThrownBy(() -> new EventCommandResult(
                        meta,
                        Samples.COMMAND,
                        CommandOutcome.FAILED,
                        ResultReason.PROVIDER_UNAVAILABLE,
                        "x".repeat(4001),
                        Samples.CALENDAR,
                        null,
                        null))
                .hasMessage("EventCommandResult.message must be at most 4000 characters, was 4001");

        EventCommandResult fromNewerWriter = new EventCommandResult(
                meta, Samples.COMMAND, CommandOutcome.UNKNOWN, null, null, Samples.CALENDAR, null, null);
        assertThat(fromNewerWriter.outcome()).isEqualTo(CommandOutcome.UNKNOWN);
    }

    @Test
    void changeCarriesStateExactlyWhenUpserted() {
        MessageMeta meta = Samples.meta(CalendarEventChanged.TYPE);

        assertThatThrownBy(() -> new CalendarEventChanged(
                        meta, Samples.CALENDAR, Samples.EVENT, ChangeKind.UPSERTED, null, ChangeSource.PROVIDER, null))
                .hasMessage("CalendarEventChanged.event (change upserted) is required");
        assertThatThrownBy(() -> new CalendarEventChanged(
                        meta,
                        Samples.CALENDAR,
                        Samples.EVENT,
                        ChangeKind.DELETED,
                        Samples.state(),
                        ChangeSource.PROVIDER,
                        null))
                .hasMessage("CalendarEventChanged.event must be null when change is deleted");
        assertThatThrownBy(() -> new CalendarEventChanged(
                        meta, Samples.CALENDAR, Samples.EVENT, ChangeKind.DELETED, null, null, null))
                .hasMessage("CalendarEventChanged.source is required");
    }

    @Test
    void eventStateKeepsLongProviderTextButNeedsEtagAndTimes() {
        EventState base = Samples.state();
        String longText = "y".repeat(8000);

        EventState long_ = new EventState(
                longText,
                longText,
                longText,
                base.start(),
                base.end(),
                base.status(),
                null,
                false,
                List.of(),
                null,
                base.etag(),
                base.providerUpdated(),
                null,
                null);

        assertThat(long_.description()).hasSize(8000);
        assertThatThrownBy(() -> new EventState(
                        null,
                        null,
                        null,
                        base.start(),
                        base.end(),
                        base.status(),
                        null,
                        false,
                        List.of(),
                        null,
                        null,
                        base.providerUpdated(),
                        null,
                        null))
                .hasMessage("EventState.etag is required");
        assertThatThrownBy(() -> new EventState(
                        null,
                        null,
                        null,
                        base.start(),
                        base.end(),
                        null,
                        null,
                        false,
                        List.of(),
                        null,
                        base.etag(),
                        base.providerUpdated(),
                        null,
                        null))
                .hasMessage("EventState.status is required");
        assertThatThrownBy(() -> new Attendee(" ", null, null, ResponseStatus.ACCEPTED, false, false))
                .hasMessage("Attendee.email must not be blank");
    }

    @Test
    void aNullRequiredFieldInJsonFailsToReadWithTheFieldName() {
        ObjectNode json = (ObjectNode)
                ContractJson.fixture("event-command", "v1-update.json").tree();
        json.putNull("eventId");

        assertThatThrownBy(() -> ContractJson.PLAIN.treeToValue(json, EventCommand.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("UpdateEventCommand.eventId is required");
    }
}
