package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

class ValueTypesTest {

    @Test
    void connectionIdIsABareUuidStringOnTheWireAndInToString() {
        ConnectionId id = ConnectionId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");

        assertThat(id.toString()).isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(ContractJson.PLAIN.writeValueAsString(id)).isEqualTo("\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"");
        assertThat(ContractJson.PLAIN.readValue("\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"", ConnectionId.class))
                .isEqualTo(id);
    }

    @Test
    void connectionIdOfRejectsAStringThatIsNoUuid() {
        assertThatThrownBy(() -> ConnectionId.of("user-42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConnectionId.value must be a UUID, was 'user-42'");
        assertThatThrownBy(() -> new ConnectionId(null)).hasMessage("ConnectionId.value is required");
    }

    @Test
    void numericIdsAreBareNumbersAndMustBePositive() {
        assertThat(ContractJson.PLAIN.writeValueAsString(new UserId(42))).isEqualTo("42");
        assertThat(ContractJson.PLAIN.readValue("1017", PersonId.class)).isEqualTo(new PersonId(1017));
        assertThat(ContractJson.PLAIN.readValue("5531", MatterId.class)).isEqualTo(new MatterId(5531));

        assertThatThrownBy(() -> new UserId(0)).hasMessage("UserId.value must be positive, was 0");
        assertThatThrownBy(() -> new PersonId(-3)).hasMessage("PersonId.value must be positive, was -3");
        assertThatThrownBy(() -> ContractJson.PLAIN.readValue("0", MatterId.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("MatterId.value must be positive, was 0");
    }

    @Test
    void providerIdsAreBareStringsAndMustNotBeBlankOrTooLong() {
        assertThat(ContractJson.PLAIN.writeValueAsString(new CalendarId("primary")))
                .isEqualTo("\"primary\"");
        assertThat(ContractJson.PLAIN.readValue("\"abc123\"", EventId.class)).isEqualTo(new EventId("abc123"));
        assertThat(new EventId("x".repeat(1024)).value()).hasSize(1024);

        assertThatThrownBy(() -> new CalendarId(" ")).hasMessage("CalendarId.value must not be blank");
        assertThatThrownBy(() -> new CalendarId(null)).hasMessage("CalendarId.value is required");
        assertThatThrownBy(() -> new EventId("x".repeat(1025)))
                .hasMessage("EventId.value must be at most 1024 characters, was 1025");
        assertThatThrownBy(() -> ContractJson.PLAIN.readValue("\"\"", CalendarId.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("CalendarId.value must not be blank");
    }

    @Test
    void commandIdIsABareUuidString() {
        CommandId id = new CommandId(UUID.fromString("e2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a7c"));

        assertThat(ContractJson.PLAIN.writeValueAsString(id)).isEqualTo("\"e2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a7c\"");
        assertThat(ContractJson.PLAIN.readValue("\"e2a4c6e8-0b1d-4f3a-9c5e-7a9b1d3f5a7c\"", CommandId.class))
                .isEqualTo(id);
    }

    @Test
    void enumsUseSnakeCaseWireStrings() {
        assertThat(ContractJson.PLAIN.writeValueAsString(ResourceState.NOT_EXISTS))
                .isEqualTo("\"not_exists\"");
        assertThat(ContractJson.PLAIN.writeValueAsString(ResponseStatus.NEEDS_ACTION))
                .isEqualTo("\"needs_action\"");
        assertThat(ContractJson.PLAIN.writeValueAsString(SyncReason.CALENDAR_LIST_CHANGED))
                .isEqualTo("\"calendar_list_changed\"");
        assertThat(ContractJson.PLAIN.readValue("\"calendar_list\"", WatchedResource.class))
                .isEqualTo(WatchedResource.CALENDAR_LIST);
        assertThat(ContractJson.PLAIN.readValue("\"etag_mismatch\"", ResultReason.class))
                .isEqualTo(ResultReason.ETAG_MISMATCH);
    }

    @Test
    void unknownEnumStringsReadAsUnknown() {
        assertThat(ContractJson.PLAIN.readValue("\"moved\"", ChangeKind.class)).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(ContractJson.PLAIN.readValue("\"needsAction\"", ResponseStatus.class))
                .as("Google's spelling is not ours")
                .isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(ContractJson.PLAIN.readValue("\"ACCEPTED\"", ResponseStatus.class))
                .as("wire strings are exact")
                .isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(CommandOutcome.fromWire("retrying")).isEqualTo(CommandOutcome.UNKNOWN);
        assertThat(SyncMode.fromWire(null)).isNull();
    }

    @Test
    void everyEnumRoundTripsEveryConstantAndHasUnknown() {
        for (Class<? extends Enum<?>> type : java.util.List.<Class<? extends Enum<?>>>of(
                ResourceState.class,
                WatchedResource.class,
                SyncReason.class,
                SyncMode.class,
                ResponseStatus.class,
                EventStatus.class,
                CommandOutcome.class,
                ResultReason.class,
                ChangeKind.class,
                ChangeSource.class)) {
            assertThat(type.getEnumConstants()).extracting(Enum::name).contains("UNKNOWN");
            for (Enum<?> constant : type.getEnumConstants()) {
                String json = ContractJson.PLAIN.writeValueAsString(constant);
                assertThat(json).matches("\"[a-z]+(_[a-z]+)*\"");
                assertThat(ContractJson.PLAIN.readValue(json, type)).isEqualTo(constant);
            }
        }
    }
}
