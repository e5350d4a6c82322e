package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The published schemas say what the records say, and refuse what the records refuse. */
class SchemasTest {

    @Test
    void everyContractHasADraft202012SchemaAtItsPath() {
        for (Contract contract : Contracts.ALL) {
            JsonNode schema = ContractJson.schemaTree(contract);

            assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("$id").asString()).endsWith("/" + contract.type() + "/v1.schema.json");
            assertThat(contract.schemaResource()).isEqualTo("schemas/" + contract.type() + "/v1.schema.json");
        }
    }

    @Test
    void definitionsSharedBetweenSchemasAreIdentical() {
        Map<String, JsonNode> firstSeen = new HashMap<>();
        for (Contract contract : Contracts.ALL) {
            ObjectNode defs = (ObjectNode) ContractJson.schemaTree(contract).get("$defs");
            for (String name : defs.propertyNames()) {
                JsonNode earlier = firstSeen.putIfAbsent(name, defs.get(name));
                if (earlier != null) {
                    assertThat(defs.get(name))
                            .as(contract.type() + " $defs/" + name)
                            .isEqualTo(earlier);
                }
            }
        }
    }

    @Test
    void schemaEnumsListExactlyTheKnownJavaValues() {
        assertEnum(Contracts.CALENDAR_CHANGE_NOTIFIED_V1, "/properties/resource/enum", WatchedResource.values());
        assertEnum(Contracts.CALENDAR_CHANGE_NOTIFIED_V1, "/properties/state/enum", ResourceState.values());
        assertEnum(Contracts.SYNC_REQUESTED_V1, "/properties/reason/enum", SyncReason.values());
        assertEnum(Contracts.SYNC_REQUESTED_V1, "/properties/mode/enum", SyncMode.values());
        assertEnum(Contracts.EVENT_COMMAND_RESULT_V1, "/properties/outcome/enum", CommandOutcome.values());
        assertEnum(Contracts.EVENT_COMMAND_RESULT_V1, "/properties/reason/anyOf/0/enum", ResultReason.values());
        assertEnum(Contracts.CALENDAR_EVENT_CHANGED_V1, "/properties/change/enum", ChangeKind.values());
        assertEnum(Contracts.CALENDAR_EVENT_CHANGED_V1, "/properties/source/enum", ChangeSource.values());
        assertEnum(
                Contracts.CALENDAR_EVENT_CHANGED_V1, "/$defs/eventState/properties/status/enum", EventStatus.values());
        assertEnum(
                Contracts.CALENDAR_EVENT_CHANGED_V1,
                "/$defs/attendee/properties/responseStatus/enum",
                ResponseStatus.values());
    }

    @Test
    void schemasRefuseMissingRequiredFields() {
        assertRefused("sync-requested", "v1.json", json -> json.remove("mode"));
        assertRefused("sync-requested", "v1.json", json -> ((ObjectNode) json.get("meta")).remove("messageId"));
        assertRefused("calendar-change-notified", "v1.json", json -> json.remove("calendarId"));
        assertRefused("event-command", "v1-create.json", json -> json.remove("draft"));
        assertRefused("event-command", "v1-update.json", json -> json.remove("eventId"));
        assertRefused("event-command", "v1-create.json", json -> ((ObjectNode) json.get("draft")).remove("invitees"));
        assertRefused("event-command-result", "v1-rejected.json", json -> json.remove("reason"));
        assertRefused("event-command-result", "v1.json", json -> json.remove("eventId"));
        assertRefused("calendar-event-changed", "v1.json", json -> json.remove("event"));
    }

    @Test
    void schemasRefuseWrongValues() {
        assertRefused("sync-requested", "v1.json", json -> json.put("mode", "unknown"));
        assertRefused(
                "sync-requested", "v1.json", json -> ((ObjectNode) json.get("meta")).put("type", "event-command"));
        assertRefused("sync-requested", "v1.json", json -> ((ObjectNode) json.get("meta")).put("version", 2));
        assertRefused(
                "sync-requested", "v1.json", json -> ((ObjectNode) json.get("meta")).put("messageId", "not-a-uuid"));
        assertRefused(
                "sync-requested",
                "v1.json",
                json -> ((ObjectNode) json.get("meta")).put("occurredAt", "2026-11-24T09:00:00+01:00"));
        assertRefused("event-command", "v1-delete.json", json -> json.put("action", "move"));
        assertRefused(
                "event-command",
                "v1-create.json",
                json -> ((ObjectNode) json.get("draft").get("start")).put("date", "2027-06-15"));
        assertRefused(
                "event-command",
                "v1-create.json",
                json -> ((ObjectNode) json.get("draft").get("start")).put("timeZone", "+02:00"));
        assertRefused("event-command", "v1-create.json", json -> ((ObjectNode) json.get("actor")).put("userId", 0));
        assertRefused(
                "calendar-event-changed",
                "v1-deleted.json",
                json -> json.set(
                        "event",
                        ContractJson.fixture("calendar-event-changed", "v1.json")
                                .tree()
                                .get("event")));
    }

    @Test
    void theRegistryFindsEachContractAndMatchesTheTopics() {
        assertThat(Contracts.ALL).extracting(Contract::topic).containsExactlyElementsOf(Topics.MAIN);
        for (Contract contract : Contracts.ALL) {
            assertThat(contract.topic()).isEqualTo("calsync." + contract.type() + ".v" + contract.version());
            assertThat(Contracts.find(contract.type(), contract.version())).contains(contract);
        }
        assertThat(Contracts.find(EventCommand.TYPE, 2)).isEmpty();
        assertThat(Contracts.EVENT_COMMAND_V1.javaType()).isEqualTo(EventCommand.class);
    }

    private static void assertEnum(Contract contract, String pointer, Enum<?>[] values) {
        JsonNode listed = ContractJson.schemaTree(contract).at(pointer);
        List<String> inSchema = StreamSupport.stream(listed.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
        List<String> known = Arrays.stream(values)
                .filter(v -> !v.name().equals("UNKNOWN"))
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                .toList();

        assertThat(inSchema).as(contract.type() + pointer).containsExactlyElementsOf(known);
    }

    private static void assertRefused(String type, String fixture, Consumer<ObjectNode> change) {
        ContractJson.Fixture base = ContractJson.fixture(type, fixture);
        ObjectNode json = (ObjectNode) base.tree();
        change.accept(json);

        assertThat(ContractJson.schemaErrors(base.contract(), json))
                .as(json.toString())
                .isNotEmpty();
    }
}
