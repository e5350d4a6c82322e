package com.madeup.calsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.model.ContractJson.Fixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records behave the same with the JsonMapper Spring Boot 4 builds for every calsync app, also
 * when an app sets {@code spring.jackson.time-zone}.
 */
class BootJsonMapperTest {

    private final ApplicationContextRunner boot =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Test
    void everyFixtureRoundTripsWithBootsDefaultMapper() {
        boot.run(context -> assertEveryFixtureRoundTrips(context.getBean(JsonMapper.class)));
    }

    @Test
    void everyFixtureRoundTripsWhenTheAppSetsAJacksonTimeZone() {
        boot.withPropertyValues("spring.jackson.time-zone=America/New_York")
                .run(context -> assertEveryFixtureRoundTrips(context.getBean(JsonMapper.class)));
    }

    @Test
    void bootsMapperIgnoresUnknownFieldsAndKeepsOffsets() {
        boot.run(context -> {
            JsonMapper mapper = context.getBean(JsonMapper.class);
            ObjectNode json = (ObjectNode)
                    ContractJson.fixture("event-command", "v1-create.json").tree();
            json.put("priority", "high");

            CreateEventCommand create = (CreateEventCommand) mapper.treeToValue(json, EventCommand.class);

            assertThat(create.draft().start().dateTime().getOffset().getId()).isEqualTo("+02:00");
        });
    }

    private static void assertEveryFixtureRoundTrips(JsonMapper mapper) {
        for (Fixture fixture : ContractJson.fixtures()) {
            Object message = mapper.readValue(fixture.json(), fixture.contract().javaType());
            JsonNode written = mapper.readTree(mapper.writeValueAsString(message));

            assertThat(written).as(fixture.toString()).isEqualTo(fixture.tree());
        }
    }
}
