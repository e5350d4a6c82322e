package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The "action" discriminator: names only, never Java class names. */
class EventCommandJsonTest {

    @Test
    void actionSelectsTheCommandRecord() {
        assertThat(read("v1-create.json")).isInstanceOf(CreateEventCommand.class);
        assertThat(read("v1-update.json")).isInstanceOf(UpdateEventCommand.class);
        assertThat(read("v1-delete.json")).isInstanceOf(DeleteEventCommand.class);
    }

    @Test
    void writingAConcreteCommandStillWritesItsActionAndNoClassName() {
        UpdateEventCommand update = Samples.update(Samples.timedDraft());

        JsonNode asConcrete = ContractJson.PLAIN.readTree(ContractJson.PLAIN.writeValueAsString(update));
        JsonNode asInterface = ContractJson.PLAIN.readTree(
                ContractJson.PLAIN.writerFor(EventCommand.class).writeValueAsString(update));

        assertThat(asConcrete.get("action").asString()).isEqualTo("update");
        assertThat(asInterface).isEqualTo(asConcrete);
        assertThat(asConcrete.toString()).doesNotContain("com.madeup").doesNotContain("@class");
    }

    @Test
    void aCommandCanBeReadAsItsConcreteRecord() {
        String json = ContractJson.fixture("event-command", "v1-delete.json").json();

        DeleteEventCommand delete = ContractJson.PLAIN.readValue(json, DeleteEventCommand.class);

        assertThat(delete.eventId()).isEqualTo(new EventId("s5hi6ll7hr0ipm8p84e1et4rv4"));
        assertThat(delete.expectedEtag()).isEqualTo("\"3372813462568000\"");
    }

    @Test
    void anUnknownActionFailsWithTheKnownActionsInTheMessage() {
        ObjectNode json = (ObjectNode)
                ContractJson.fixture("event-command", "v1-delete.json").tree();
        json.put("action", "move");

        assertThatThrownBy(() -> ContractJson.PLAIN.treeToValue(json, EventCommand.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("'move'")
                .hasMessageContaining("known type ids = [create, delete, update]");
    }

    @Test
    void aMissingActionFailsToRead() {
        ObjectNode json = (ObjectNode)
                ContractJson.fixture("event-command", "v1-delete.json").tree();
        json.remove("action");

        assertThatThrownBy(() -> ContractJson.PLAIN.treeToValue(json, EventCommand.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("missing type id property 'action'");
    }

    @Test
    void anOverLongSummaryStillReadsSoTheWriterCanRejectItWithAReason() {
        ObjectNode json = (ObjectNode)
                ContractJson.fixture("event-command", "v1-create.json").tree();
        ((ObjectNode) json.get("draft")).put("summary", "s".repeat(163));

        EventCommand command = ContractJson.PLAIN.treeToValue(json, EventCommand.class);

        assertThat(new EventCommandRules().validate(command))
                .extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("draft.summary", "too_long"));
    }

    @Test
    void aCreateWithoutEventIdUsesTheIdDerivedFromItsCommandId() {
        CreateEventCommand create = (CreateEventCommand) read("v1-create.json");

        assertThat(create.eventId()).isNull();
        assertThat(create.effectiveEventId()).isEqualTo(EventIds.fromCommand(create.commandId()));
    }

    private static EventCommand read(String fixture) {
        return ContractJson.PLAIN.readValue(
                ContractJson.fixture("event-command", fixture).json(), EventCommand.class);
    }
}
