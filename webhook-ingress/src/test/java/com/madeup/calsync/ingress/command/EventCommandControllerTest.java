package com.madeup.calsync.ingress.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.madeup.calsync.ingress.FakeKafka;
import com.madeup.calsync.ingress.TestProperties;
import com.madeup.calsync.ingress.config.IngressProperties;
import com.madeup.calsync.ingress.config.IngressProperties.CommandClient;
import com.madeup.calsync.model.CreateEventCommand;
import com.madeup.calsync.model.DeleteEventCommand;
import com.madeup.calsync.model.EventCommandRules;
import com.madeup.calsync.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class EventCommandControllerTest {

    private static final String TOKEN = "billing-app-secret";
    private static final UUID CONNECTION = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private final FakeKafka kafka = new FakeKafka();
    private final MockMvc mvc = mvc(List.of(
            new CommandClient("other-app", sha256Hex("other-secret")), new CommandClient("billing", sha256Hex(TOKEN))));

    @Test
    void validCommandIsPublishedKeyedByConnectionWithTheClientAsVia() throws Exception {
        UUID commandId = UUID.randomUUID();

        perform(command(CommandJson.create(CONNECTION, commandId, "Client meeting")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.commandId").value(commandId.toString()));

        assertThat(kafka.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo(Topics.EVENT_COMMAND);
            assertThat(sent.key()).isEqualTo(CONNECTION.toString());
            var create = (CreateEventCommand) sent.contract();
            assertThat(create.commandId().value()).isEqualTo(commandId);
            assertThat(create.actor().via()).isEqualTo("upstream:billing");
            assertThat(create.actor().userId().value()).isEqualTo(42);
            assertThat(create.draft().summary()).isEqualTo("Client meeting");
        });
    }

    @Test
    void deleteIsPublishedToo() throws Exception {
        perform(command(CommandJson.delete(CONNECTION, UUID.randomUUID()))).andExpect(status().isAccepted());

        assertThat(kafka.sent().getFirst().contract()).isInstanceOf(DeleteEventCommand.class);
    }

    @Test
    void missingWrongOrNonBearerCredentialsAre401() throws Exception {
        String json = CommandJson.create(CONNECTION, UUID.randomUUID(), "x");
        perform(post(EventCommandController.PATH)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        perform(post(EventCommandController.PATH)
                        .header("Authorization", "Bearer not-the-token")
                        .content(json))
                .andExpect(status().isUnauthorized());
        perform(post(EventCommandController.PATH)
                        .header("Authorization", "Basic " + TOKEN)
                        .content(json))
                .andExpect(status().isUnauthorized());

        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void withNoClientsConfiguredEveryoneIs401() throws Exception {
        MockMvc closed = mvc(List.of());

        closed.perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "x")))
                .andExpect(status().isUnauthorized());
        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void unreadableJsonIs400NamingTheProblem() throws Exception {
        perform(command("{\"action\": \"create\", ")).andExpect(status().isBadRequest());
        perform(command(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").isNotEmpty());
        perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "x").replace("\"create\"", "\"explode\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("explode")));
        perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "x")
                        .replace("\"commandId\": \"", "\"commandId\": \"not-a-uuid")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("commandId")));
        perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "x")
                        .replace("\"event-command\"", "\"sync-requested\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("type")));

        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void ruleViolationsAre422WithTheList() throws Exception {
        perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "s".repeat(141))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.violations[0].field").value("draft.summary"))
                .andExpect(jsonPath("$.violations[0].code").value(EventCommandRules.TOO_LONG));

        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String json = CommandJson.create(CONNECTION, UUID.randomUUID(), "x")
                .replace("\"invitees\": []", "\"invitees\": []," + " ".repeat(70_000) + "\"location\": null");

        perform(command(json)).andExpect(status().isPayloadTooLarge());
        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void kafkaFailureIs503WithRetryAfter() throws Exception {
        kafka.answer(FakeKafka.Mode.FAIL);

        perform(command(CommandJson.create(CONNECTION, UUID.randomUUID(), "x")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
    }

    private MockMvc mvc(List<CommandClient> clients) {
        IngressProperties properties = TestProperties.with(clients, DataSize.ofKilobytes(64));
        var controller = new EventCommandController(
                new CommandClients(properties.commandClients()),
                kafka,
                JsonMapper.builder().build(),
                new EventCommandRules(),
                new CommandMetrics(new SimpleMeterRegistry()),
                properties);
        return MockMvcBuilders.standaloneSetup(controller).build();
    }

    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private static MockHttpServletRequestBuilder command(String json) {
        return post(EventCommandController.PATH)
                .header("Authorization", "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json);
    }

    static String sha256Hex(String token) {
        return HexFormat.of().formatHex(CommandClients.sha256(token));
    }
}
