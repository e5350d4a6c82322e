package com.madeup.calsync.ingress;

import com.madeup.calsync.store.channel.SubscriptionStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the ingress's HTTP integration tests share: the running app's port, its database and meters. */
abstract class IngressHttpTestBase {

    /** Bound of every HTTP call and every wait in these tests. */
    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    IngressDatabase db() {
        return new IngressDatabase(jdbc, subscriptions);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
