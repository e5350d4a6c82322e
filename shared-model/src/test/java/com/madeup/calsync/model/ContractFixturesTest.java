package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.ContractJson.Fixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every golden fixture reads into today's record, writes back unchanged and matches its schema. */
class ContractFixturesTest {

    static List<Fixture> fixtures() {
        return ContractJson.fixtures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureReadsIntoTheRecordAndWritesBackTheSameJson(Fixture fixture) {
        Object message =
                ContractJson.PLAIN.readValue(fixture.json(), fixture.contract().javaType());

        // Parsed from the written text, so numbers get the same node types as the fixture's.
        JsonNode written = ContractJson.PLAIN.readTree(ContractJson.PLAIN.writeValueAsString(message));

        assertThat(message).isInstanceOf(fixture.contract().javaType());
        assertThat(written).isEqualTo(fixture.tree());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureMatchesItsSchema(Fixture fixture) {
        assertThat(ContractJson.schemaErrors(fixture.contract(), fixture.tree()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void jsonWrittenByJavaMatchesTheSchema(Fixture fixture) {
        Object message =
                ContractJson.PLAIN.readValue(fixture.json(), fixture.contract().javaType());

        String written = ContractJson.PLAIN.writeValueAsString(message);

        assertThat(ContractJson.schemaErrors(fixture.contract(), ContractJson.PLAIN.readTree(written)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void unknownFieldsAnywhereAreIgnored(Fixture fixture) {
        assertThat(ContractJson.STRICT.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .as("the mapper itself would fail on unknown properties; the records must not")
                .isTrue();
        Object expected =
                ContractJson.PLAIN.readValue(fixture.json(), fixture.contract().javaType());
        ObjectNode withExtras = (ObjectNode) fixture.tree();
        withExtras.put("addedInV1Point5", "ignored");
        ((ObjectNode) withExtras.get("meta")).putObject("trace").put("spanId", "00f067aa0ba902b7");

        Object read =
                ContractJson.PLAIN.treeToValue(withExtras, fixture.contract().javaType());

        assertThat(read).isEqualTo(expected);
        assertThat(ContractJson.schemaErrors(fixture.contract(), withExtras))
                .as("schemas allow unknown properties")
                .isEmpty();
    }

    @Test
    void nestedTypesIgnoreUnknownFieldsWhenReadOnTheirOwn() {
        JsonNode create =
                ContractJson.fixture("event-command", "v1-create.json").tree();
        JsonNode changed =
                ContractJson.fixture("calendar-event-changed", "v1.json").tree();
        Map<JsonNode, Class<?>> parts = new LinkedHashMap<>();
        parts.put(create.get("meta"), MessageMeta.class);
        parts.put(create.get("actor"), Actor.class);
        parts.put(create.get("draft"), EventDraft.class);
        parts.put(create.get("draft").get("start"), EventTime.class);
        parts.put(create.get("draft").get("invitees").get(0), Invitee.class);
        parts.put(changed.get("event"), EventState.class);
        parts.put(changed.get("event").get("attendees").get(0), Attendee.class);

        parts.forEach((json, type) -> {
            Object expected = ContractJson.STRICT.treeToValue(json, type);
            ObjectNode withExtra = ((ObjectNode) json).deepCopy().put("addedLater", true);

            assertThat(ContractJson.STRICT.treeToValue(withExtra, type))
                    .as(type.getSimpleName())
                    .isEqualTo(expected);
        });
    }

    @Test
    void unknownEnumStringsInAMessageReadAsUnknown() {
        ObjectNode notified = (ObjectNode)
                ContractJson.fixture("calendar-change-notified", "v1.json").tree();
        notified.put("state", "moved");
        notified.put("resource", "acl");
        ObjectNode changed = (ObjectNode)
                ContractJson.fixture("calendar-event-changed", "v1.json").tree();
        ((ObjectNode) changed.get("event").get("attendees").get(0)).put("responseStatus", "delegated");
        ((ObjectNode) changed.get("event")).put("status", "archived");
        changed.put("source", "import");

        CalendarChangeNotified readNotified = ContractJson.PLAIN.treeToValue(notified, CalendarChangeNotified.class);
        CalendarEventChanged readChanged = ContractJson.PLAIN.treeToValue(changed, CalendarEventChanged.class);

        assertThat(readNotified.state()).isEqualTo(ResourceState.UNKNOWN);
        assertThat(readNotified.resource()).isEqualTo(WatchedResource.UNKNOWN);
        assertThat(readChanged.event().attendees().get(0).responseStatus()).isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(readChanged.event().status()).isEqualTo(EventStatus.UNKNOWN);
        assertThat(readChanged.source()).isEqualTo(ChangeSource.UNKNOWN);
    }

    @Test
    void everyContractHasAGoldenFixture() {
        assertThat(fixtures()).extracting(Fixture::contract).containsAll(Contracts.ALL);
    }

    @Test
    void everyCommandFixturePassesTheCommandRules() {
        EventCommandRules rules = new EventCommandRules();

        for (Fixture fixture : fixtures()) {
            if (fixture.contract().equals(Contracts.EVENT_COMMAND_V1)) {
                EventCommand command = ContractJson.PLAIN.readValue(fixture.json(), EventCommand.class);
                assertThat(rules.validate(command)).as(fixture.toString()).isEmpty();
            }
        }
    }
}
