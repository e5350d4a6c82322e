package com.madeup.calsync.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.madeup.calsync.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with a real database but no broker listening at its bootstrap address: a verified
 * notification and a valid command must get 503 with Retry-After, never a 2xx.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "calsync.store.token-encryption.key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "calsync.ingress.command-clients[0].name=billing",
            "calsync.ingress.command-clients[0].token-sha256=" + IngressIntegrationTest.BILLING_TOKEN_SHA256,
            "calsync.ingress.publish-timeout=2s",
            "spring.kafka.producer.properties.max.block.ms=1000",
            "spring.kafka.admin.auto-create=false"
        })
class KafkaUnavailableIntegrationTest extends IngressHttpTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.registerDataSource(registry);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
    }

    @Test
    void verifiedNotificationGets503WithRetryAfter() throws Exception {
        IngressDatabase db = db();
        IngressDatabase.Connection connection = db.newConnection();
        String channel = "chan-" + UUID.randomUUID();
        db.eventsChannel(connection, channel, "anna@example.com", "token-1");

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/calendar/notifications/create"))
                        .timeout(WAIT)
                        .header("X-Goog-Channel-ID", channel)
                        .header("X-Goog-Channel-Token", "token-1")
                        .header("X-Goog-Resource-ID", "resource-1")
                        .header("X-Goog-Resource-State", "exists")
                        .header("X-Goog-Message-Number", "7")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(meters.get("calsync.ingress.notifications")
                        .tag("outcome", "kafka_unavailable")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void healthShowsKafkaDownButTheAppStaysReady() throws Exception {
        assertThat(status("/actuator/health")).as("kafka is part of health").isEqualTo(503);
        assertThat(status("/actuator/health/readiness"))
                .as("not of readiness: Kafka is shared, and the app answers 503 meanwhile")
                .isEqualTo(200);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    }

    private int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(uri(path)).timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void validCommandGets503() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/calendar/event-commands"))
                        .timeout(WAIT)
                        .header("Authorization", "Bearer " + IngressIntegrationTest.BILLING_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                IngressIntegrationTest.createJson(UUID.randomUUID(), UUID.randomUUID(), "x")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }
}
