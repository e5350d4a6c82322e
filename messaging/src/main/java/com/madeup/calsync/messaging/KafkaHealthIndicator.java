package com.madeup.calsync.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code kafka} in {@code /actuator/health}: UP when the cluster answers a {@code describeCluster}
 * within {@code timeout}, DOWN otherwise. It is not part of readiness: Kafka is shared by every
 * instance, so taking them all out of service would not help anyone (the apps answer 503 or retry
 * meanwhile). Each check opens a short-lived admin client, so a result is reused for {@code cacheFor}:
 * probes every few seconds cost one check.
 */
public final class KafkaHealthIndicator implements HealthIndicator {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Checked last;

    private record Checked(Health health, Instant at) {}

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor, Clock clock) {
        Map<String, Object> config = new HashMap<>(Objects.requireNonNull(adminConfig, "adminConfig"));
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "calsync-health");
        this.adminConfig = Collections.unmodifiableMap(config); // Boot's admin properties may hold nulls
        this.timeout = timeout;
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Checked checked = last;
        Instant now = clock.instant();
        if (checked == null || !now.isBefore(checked.at().plus(cacheFor))) {
            checked = new Checked(check(), now);
            last = checked;
        }
        return checked.health();
    }

    private Health check() {
        try (Admin admin = Admin.create(adminConfig)) {
            DescribeClusterResult cluster =
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int nodes = cluster.nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            return Health.up().withDetail("nodes", nodes).build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("error", String.valueOf(e.getCause()))
                    .build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("error", "no answer within " + timeout)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.toString()).build(); // e.g. a bad bootstrap address
        }
    }
}
