package com.madeup.calsync.ingress.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.madeup.calsync.ingress.FakeKafka;
import com.madeup.calsync.ingress.TestProperties;
import com.madeup.calsync.ingress.notification.ChannelVerifier.Verification;
import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ResourceState;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.WatchedResource;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.ChannelState;
import com.madeup.calsync.store.channel.ResourceKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class NotificationControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final UUID CONNECTION = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final String TOKEN = "channel-token-1";

    private final FakeKafka kafka = new FakeKafka();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, CalendarSubscription> channels = Map.of(
            "events-channel", subscription("events-channel", ResourceKind.EVENTS, List.of("anna@example.com")),
            "list-channel", subscription("list-channel", ResourceKind.CALENDAR_LIST, List.of()));
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        ChannelVerifier verifier = (channelId, token) -> {
            CalendarSubscription subscription = channels.get(channelId);
            if (subscription == null) {
                return Verification.UNKNOWN_CHANNEL;
            }
            return TOKEN.equals(token) ? Verification.verified(subscription) : Verification.WRONG_TOKEN;
        };
        var controller = new NotificationController(
                verifier,
                kafka,
                new NotificationMetrics(registry),
                Clock.fixed(NOW, ZoneOffset.UTC),
                TestProperties.defaults());
        mvc = MockMvcBuilders.standaloneSetup(controller).build();
    }

    @Test
    void verifiedChangeIsPublishedKeyedByConnectionBeforeAnswering200() throws Exception {
        perform(notification("events-channel", "exists", "7")
                        .header("X-Goog-Channel-Expiration", "Tue, 01 Dec 2026 01:13:52 GMT"))
                .andExpect(status().isOk());

        assertThat(kafka.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo(Topics.CALENDAR_CHANGE_NOTIFIED);
            assertThat(sent.key()).isEqualTo(CONNECTION.toString());
            var published = (CalendarChangeNotified) sent.contract();
            assertThat(published.resource()).isEqualTo(WatchedResource.EVENTS);
            assertThat(published.calendarId()).isEqualTo(new CalendarId("anna@example.com"));
            assertThat(published.channelId()).isEqualTo("events-channel");
            assertThat(published.resourceId()).isEqualTo("resource-1");
            assertThat(published.state()).isEqualTo(ResourceState.EXISTS);
            assertThat(published.messageNumber()).isEqualTo(7);
            assertThat(published.channelExpiration()).isEqualTo(Instant.parse("2026-12-01T01:13:52Z"));
            assertThat(published.meta().occurredAt()).isEqualTo(NOW);
            assertThat(published.meta().connectionId().value()).isEqualTo(CONNECTION);
        });
        assertThat(count("published")).isEqualTo(1);
    }

    @Test
    void headerNamesAreReadIgnoringCase() throws Exception {
        perform(post(NotificationController.PATH)
                        .header("x-goog-channel-id", "list-channel")
                        .header("X-GOOG-CHANNEL-TOKEN", TOKEN)
                        .header("X-Goog-Resource-Id", "resource-1")
                        .header("x-goog-resource-state", "not_exists")
                        .header("X-Goog-Message-number", "2113378"))
                .andExpect(status().isOk());

        var published = (CalendarChangeNotified) kafka.sent().getFirst().contract();
        assertThat(published.resource()).isEqualTo(WatchedResource.CALENDAR_LIST);
        assertThat(published.calendarId()).isNull();
        assertThat(published.state()).isEqualTo(ResourceState.NOT_EXISTS);
        assertThat(published.channelExpiration()).isNull();
    }

    @Test
    void syncMessageIsAcknowledgedButNotPublished() throws Exception {
        perform(notification("events-channel", "sync", "1")).andExpect(status().isOk());

        assertThat(kafka.sent()).isEmpty();
        assertThat(count("sync")).isEqualTo(1);
    }

    @Test
    void unknownChannelIs404AndWrongToken403WithTheSameBodyAndNothingPublished() throws Exception {
        String unknown = perform(notification("nobody", "exists", "3"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String wrongToken = perform(notification("events-channel", "guessed", "resource-1", "exists", "3"))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(wrongToken).isEqualTo(unknown).doesNotContain("guessed");
        assertThat(kafka.sent()).isEmpty();
        assertThat(count("rejected_unknown_channel")).isEqualTo(1);
        assertThat(count("rejected_token")).isEqualTo(1);
    }

    @Test
    void missingOrMalformedHeadersAre400WithAShortReason() throws Exception {
        perform(post(NotificationController.PATH)
                        .header("X-Goog-Channel-Token", TOKEN)
                        .header("X-Goog-Resource-ID", "resource-1")
                        .header("X-Goog-Resource-State", "exists")
                        .header("X-Goog-Message-Number", "3"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("X-Goog-Channel-ID is missing"));
        perform(notification("events-channel", "changed", "3"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("X-Goog-Resource-State must be sync, exists or not_exists"));
        perform(notification("events-channel", "exists", "12a"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("X-Goog-Message-Number must be a non-negative whole number"));
        perform(notification("events-channel", "exists", "-1")).andExpect(status().isBadRequest());
        perform(notification("events-channel", "exists", "99999999999999999999"))
                .andExpect(status().isBadRequest());
        perform(notification("c".repeat(65), "exists", "3")).andExpect(status().isBadRequest());
        perform(notification("events-channel\r\nX-Injected: 1", "exists", "3")).andExpect(status().isBadRequest());
        perform(notification("events-channel", TOKEN, "r".repeat(1025), "exists", "3"))
                .andExpect(status().isBadRequest());
        perform(notification("events-channel", "exists", "3").header("X-Goog-Channel-Expiration", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("X-Goog-Channel-Expiration is not an RFC 1123 date"));

        assertThat(kafka.sent()).isEmpty();
        assertThat(count("rejected_malformed")).isEqualTo(9);
    }

    @Test
    void aBodyIsRefused() throws Exception {
        perform(notification("events-channel", "exists", "3").content("{\"hello\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string("notifications carry no body"));
        perform(notification("events-channel", "exists", "3").content(new byte[70_000]))
                .andExpect(status().isPayloadTooLarge());

        assertThat(kafka.sent()).isEmpty();
    }

    @Test
    void kafkaFailureIs503WithRetryAfter() throws Exception {
        kafka.answer(FakeKafka.Mode.FAIL);

        perform(notification("events-channel", "exists", "3"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().string("kafka unavailable, retry later"));
        assertThat(count("kafka_unavailable")).isEqualTo(1);
        assertThat(count("published")).isZero();
    }

    @Test
    void answerWaitsForKafkaWithoutHoldingTheRequestThread() throws Exception {
        kafka.answer(FakeKafka.Mode.HOLD);

        MvcResult result = perform(notification("events-channel", "exists", "3"))
                .andExpect(request().asyncStarted())
                .andReturn();
        assertThat(result.getResponse().isCommitted()).isFalse();
        assertThat(count("published")).isZero();

        kafka.acknowledgeHeld();

        assertThat(result.getRequest().isAsyncStarted()).as("answered").isFalse();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(count("published")).isEqualTo(1);
    }

    @Test
    void kafkaNotAnsweringInTimeIs503AndALateAcknowledgementChangesNothing() throws Exception {
        kafka.answer(FakeKafka.Mode.HOLD);
        MvcResult result = perform(notification("events-channel", "exists", "3"))
                .andExpect(request().asyncStarted())
                .andReturn();
        var async = (MockAsyncContext) result.getRequest().getAsyncContext();
        assertThat(async.getTimeout()).as("publish-timeout").isEqualTo(300);

        for (AsyncListener listener : async.getListeners()) {
            listener.onTimeout(new AsyncEvent(async)); // what the container does when the timeout passes
        }
        assertThat(kafka.heldCancelled())
                .as("a record still waiting to be sent is not sent any more")
                .isTrue();
        kafka.acknowledgeHeld();

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(result.getResponse().getContentAsString()).isEqualTo("kafka unavailable, retry later");
        assertThat(count("kafka_unavailable")).isEqualTo(1);
        assertThat(count("published")).isZero();
        assertThat(registry.get("calsync.ingress.notification.publish").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aSendThatThrowsIs503() throws Exception {
        var controller = new NotificationController(
                (channelId, token) -> Verification.verified(channels.get("events-channel")),
                (topic, key, contract) -> {
                    throw new IllegalStateException("producer closed");
                },
                new NotificationMetrics(registry),
                Clock.fixed(NOW, ZoneOffset.UTC),
                TestProperties.defaults());

        MockMvcBuilders.standaloneSetup(controller)
                .build()
                .perform(notification("events-channel", "exists", "3"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
        assertThat(count("kafka_unavailable")).isEqualTo(1);
    }

    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private static MockHttpServletRequestBuilder notification(String channelId, String state, String number) {
        return notification(channelId, TOKEN, "resource-1", state, number);
    }

    private static MockHttpServletRequestBuilder notification(
            String channelId, String token, String resourceId, String state, String number) {
        return post(NotificationController.PATH)
                .header("X-Goog-Channel-ID", channelId)
                .header("X-Goog-Channel-Token", token)
                .header("X-Goog-Resource-ID", resourceId)
                .header("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/x/events?alt=json")
                .header("X-Goog-Resource-State", state)
                .header("X-Goog-Message-Number", number);
    }

    private double count(String outcome) {
        return registry.get("calsync.ingress.notifications")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static CalendarSubscription subscription(String channelId, ResourceKind kind, List<String> calendars) {
        return new CalendarSubscription(
                1, channelId, calendars, CONNECTION, 42, kind, "resource-1", null, ChannelState.ACTIVE, NOW, NOW);
    }
}
