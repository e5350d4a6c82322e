package com.madeup.calsync.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.madeup.calsync.model.Topics;
import com.madeup.calsync.testsupport.CalsyncEmbeddedKafka;
import com.madeup.calsync.testsupport.TcpCut;
import com.madeup.calsync.testsupport.TestDatabase;
import com.madeup.calsync.testsupport.TestKafka;
import com.madeup.calsync.testsupport.TestPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL going away under a running ingress, by cutting the TCP path to a real server: channels
 * verified before stay served from the cache; any other notification gets 503 with {@code
 * Retry-After} within the pool's connection timeout (not Hikari's default 30 s) and publishes
 * nothing; readiness turns DOWN; all of it recovers when the database is back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "calsync.store.token-encryption.key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "spring.datasource.hikari.connection-timeout=1000"
        })
@CalsyncEmbeddedKafka
class ChannelStoreUnavailableIntegrationTest extends IngressHttpTestBase {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static TcpCut databasePath;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestPostgres.newDatabase();
        databasePath = TcpCut.inFrontOf(database.jdbcUrl());
        registry.add("spring.datasource.url", () -> databasePath.jdbcUrl(database.jdbcUrl()));
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }

    @AfterAll
    static void closeDatabasePath() {
        databasePath.close();
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void cachedChannelsKeepWorkingOthersGet503AndEverythingRecovers() throws Exception {
        IngressDatabase db = db();
        IngressDatabase.Connection verifiedBefore = db.newConnection();
        IngressDatabase.Connection notYetSeen = db.newConnection();
        db.eventsChannel(verifiedBefore, "cached-channel", "anna@example.com", "token-a");
        db.eventsChannel(notYetSeen, "uncached-channel", "ben@example.com", "token-b");
        assertThat(notify("cached-channel", "token-a", "1").statusCode()).isEqualTo(200);

        databasePath.cut();

        assertThat(notify("cached-channel", "token-a", "2").statusCode())
                .as("a channel verified before is served from the cache: PostgreSQL is not needed")
                .isEqualTo(200);
        long started = System.nanoTime();
        HttpResponse<String> refused = notify("uncached-channel", "token-b", "1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).isEqualTo("channel store unavailable, retry later");
        assertThat(took).as("bounded by the pool's connection timeout").isLessThan(Duration.ofSeconds(8));
        assertThat(meters.get("calsync.ingress.notifications")
                        .tag("outcome", "store_unavailable")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        databasePath.restore();

        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(notify("uncached-channel", "token-b", "2").statusCode()).isEqualTo(200);
        List<String> keys = TestKafka.readToEnd(bootstrapServers, Topics.CALENDAR_CHANGE_NOTIFIED, WAIT).stream()
                .map(record -> record.key())
                .toList();
        assertThat(keys)
                .as("both notifications of the cached channel")
                .filteredOn(verifiedBefore.id().toString()::equals)
                .hasSize(2);
        assertThat(keys)
                .as("only the one after the recovery: the 503 published nothing")
                .filteredOn(notYetSeen.id().toString()::equals)
                .hasSize(1);
    }

    private HttpResponse<String> notify(String channel, String token, String number)
            throws IOException, InterruptedException {
        return http.send(
                PushRequests.notification(uri("/"), WAIT, channel, token, "exists", number, ""),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
