package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.ContractJson.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
