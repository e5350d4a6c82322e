package com.madeup.calsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees of the running stack after the walkthrough: health and readiness of every app,
 * and the Prometheus metrics the runbook names, with values that moved because of the walkthrough.
 */
@ExtendWith(LocalStackExtension.class)
@Order(10)
class OperationsTest {

    private static final List<String> CONSUMERS = List.of("sync-worker", "outbound-writer", "dashboard");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyAppIsLiveAndReady(RunningStack stack) {
        stack.appUrls().forEach((app, url) -> {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> answer = get(url + probe);
                assertThat(answer.statusCode()).as("%s %s", app, probe).isEqualTo(200);
                assertThat(answer.body()).as("%s %s", app, probe).contains("\"UP\"");
            }
        });
    }

    /**
     * A laptop's stack is not a server: every port the launcher hands out is bound to 127.0.0.1 only,
     * read from the kernel's table of listening TCP sockets (IPv4 and IPv6).
     */
    @Test
    void everyPortListensOnLoopbackOnly(RunningStack stack) throws java.io.IOException {
        Map<Integer, List<String>> listening = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[3].equals("0A")) { // 0A: LISTEN
                    continue;
                }
                String[] local = fields[1].split(":");
                listening
                        .computeIfAbsent(Integer.parseInt(local[1], 16), port -> new java.util.ArrayList<>())
                        .add(local[0]);
            }
        }
        stack.ports()
                .forEach((flag, port) -> assertThat(listening.get(port))
                        .as("addresses listening on %s %d (hex, as the kernel writes them)", flag, port)
                        .isNotEmpty()
                        .allMatch(address -> address.equals("0100007F") // 127.0.0.1
                                || address.equals("0000000000000000FFFF00000100007F") // ::ffff:127.0.0.1 (Kafka)
                                || address.equals("00000000000000000000000001000000"))); // ::1
    }

    @Test
    void prometheusShowsTheMetricsTheRunbookNames(RunningStack stack) {
        Map<String, String> scraped = new java.util.LinkedHashMap<>();
        stack.appUrls().forEach((app, url) -> {
            HttpResponse<String> answer = get(url + "/actuator/prometheus");
            assertThat(answer.statusCode()).as("%s /actuator/prometheus", app).isEqualTo(200);
            scraped.put(app, answer.body());
        });

        assertThat(PrometheusText.sum(
                        scraped.get("webhook-ingress"),
                        "calsync_ingress_notifications_total",
                        Map.of("outcome", "published")))
                .as("notifications in (the walkthrough's change at Google)")
                .isPositive();
        assertThat(PrometheusText.sum(
                        scraped.get("outbound-writer"),
                        "calsync_writer_command_latency_seconds_count",
                        Map.of("outcome", "applied")))
                .as("command latency observations (create, edit, delete)")
                .isGreaterThanOrEqualTo(3);
        String worker = scraped.get("sync-worker");
        assertThat(PrometheusText.sum(
                        worker, "calsync_worker_sync_passes_total", Map.of("mode", "full", "outcome", "completed")))
                .as("full sync passes (one per picked calendar)")
                .isGreaterThanOrEqualTo(3);
        assertThat(PrometheusText.sum(
                        worker,
                        "calsync_worker_sync_passes_total",
                        Map.of("mode", "incremental", "outcome", "completed")))
                .as("incremental passes (the change at Google, the echoes of the dashboard's writes)")
                .isPositive();
        assertThat(PrometheusText.count(worker, "calsync_worker_sync_lag_seconds"))
                .as("a sync-lag gauge per picked calendar (the browser journey leaves two picked)")
                .isGreaterThanOrEqualTo(2);
        for (String caller : List.of("sync-worker", "outbound-writer")) {
            assertThat(PrometheusText.sum(
                            scraped.get(caller), "calsync_provider_calls_seconds_count", Map.of("outcome", "ok")))
                    .as("%s: provider calls by outcome", caller)
                    .isPositive();
        }
        assertThat(PrometheusText.sum(
                        worker,
                        "calsync_provider_calls_seconds_count",
                        Map.of("operation", "calendar.events.list", "outcome", "ok")))
                .isPositive();
        assertThat(PrometheusText.sum(
                        scraped.get("outbound-writer"),
                        "calsync_provider_calls_seconds_count",
                        Map.of("operation", "calendar.events.insert", "outcome", "ok")))
                .isPositive();
        for (String consumer : CONSUMERS) {
            assertThat(PrometheusText.has(scraped.get(consumer), "calsync_messages_dead_lettered_total"))
                    .as("%s shows its dead-letter counters", consumer)
                    .isTrue();
            assertThat(PrometheusText.sum(scraped.get(consumer), "calsync_messages_dead_lettered_total", Map.of()))
                    .as("%s dead-lettered nothing during the walkthrough", consumer)
                    .isZero();
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
