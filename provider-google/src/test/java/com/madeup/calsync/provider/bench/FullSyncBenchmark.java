package com.madeup.calsync.provider.bench;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Events;
import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.ClientSecret;
import com.madeup.calsync.provider.EventQuery;
import com.madeup.calsync.provider.SyncResult;
import com.madeup.calsync.provider.google.GoogleCalendarApi;
import com.madeup.calsync.provider.google.GoogleClientConfig;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.RetryingCaller;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: the full-sync benchmark run by {@code bench/provider-full-sync.sh}. Pages through one
 * large calendar (maxResults=2500) with our client and with Google's official Java client, in the
 * same JVM, alternating (ABBA) after warm-up, and prints the median time, events/s and bytes
 * allocated per run (all threads of this JVM; the emulator runs in another process), and the CPU
 * time this JVM spent per run.
 *
 * <p>Arguments: baseUrl accessToken calendarId expectedEvents warmups runs
 */
public final class FullSyncBenchmark {

    interface Client {
        long fullSync() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        URI baseUrl = URI.create(args[0]);
        String accessToken = args[1];
        String calendarId = args[2];
        long expected = Long.parseLong(args[3]);
        int warmups = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);

        GoogleClientConfig config = GoogleClientConfig.forBaseUrl(baseUrl, "bench", new ClientSecret("bench"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
        HttpTransport transport = HttpTransport.create(
                config.connectTimeout(), config.requestTimeout(), "calsync-bench", Clock.systemUTC());
        GoogleCalendarApi ours = new GoogleCalendarApi(config, transport, RetryingCaller.none());
        AccessToken token = new AccessToken(accessToken);
        Client calsync = () -> {
            AtomicLong count = new AtomicLong();
            ApiResponse<SyncResult> result = ours.syncEvents(
                    token, calendarId, EventQuery.full().withMaxResults(2500), page -> count.addAndGet(page.size()));
            if (!result.ok()) {
                throw new IllegalStateException("our sync failed: " + result.error());
            }
            return count.get();
        };

        Calendar google = new Calendar.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        request -> request.getHeaders().setAuthorization("Bearer " + accessToken))
                .setRootUrl(baseUrl.toString().replaceAll("/+$", "") + "/")
                .setServicePath("calendar/v3/")
                .setApplicationName("calsync-bench")
                .build();
        Client googleClient = () -> {
            long count = 0;
            String pageToken = null;
            String syncToken = null;
            do {
                Events page = google.events()
                        .list(calendarId)
                        .setMaxResults(2500)
                        .setPageToken(pageToken)
                        .execute();
                count += page.getItems() == null ? 0 : page.getItems().size();
                pageToken = page.getNextPageToken();
                syncToken = page.getNextSyncToken();
            } while (pageToken != null);
            if (syncToken == null) {
                throw new IllegalStateException("Google's client: last page without nextSyncToken");
            }
            return count;
        };

        Map<String, Client> clients = new TreeMap<>(Map.of("calsync", calsync, "google-api-client", googleClient));
        Map<String, List<Sample>> samples = new TreeMap<>();
        for (int i = 0; i < warmups; i++) {
            for (var client : clients.entrySet()) {
                measure(client.getValue(), expected);
            }
        }
        List<String> order = new ArrayList<>(clients.keySet());
        for (int i = 0; i < runs; i++) {
            List<String> round = new ArrayList<>(order);
            if (i % 2 == 1) {
                Collections.reverse(round); // ABBA: neither client always runs first
            }
            for (String name : round) {
                samples.computeIfAbsent(name, k -> new ArrayList<>()).add(measure(clients.get(name), expected));
            }
        }
        transport.close();

        System.out.printf(Locale.ROOT, "events=%d warmups=%d runs=%d (median [min-max])%n", expected, warmups, runs);
        for (var entry : samples.entrySet()) {
            List<Sample> list = entry.getValue();
            double ms = median(list.stream().map(s -> s.nanos / 1e6).toList());
            double min = list.stream().mapToDouble(s -> s.nanos / 1e6).min().orElse(0);
            double max = list.stream().mapToDouble(s -> s.nanos / 1e6).max().orElse(0);
            double alloc = median(list.stream().map(s -> s.allocatedBytes / 1e6).toList());
            double gc = median(list.stream().map(s -> (double) s.gcMillis).toList());
            double cpu = median(list.stream().map(s -> s.cpuNanos / 1e6).toList());
            System.out.printf(
                    Locale.ROOT,
                    "RESULT client=%s time_ms=%.0f [%.0f-%.0f] events_per_s=%.0f allocated_MB=%.0f allocated_B_per_event=%.0f gc_ms=%.0f cpu_ms=%.0f cpu_us_per_event=%.1f%n",
                    entry.getKey(),
                    ms,
                    min,
                    max,
                    expected / (ms / 1000),
                    alloc,
                    alloc * 1e6 / expected,
                    gc,
                    cpu,
                    cpu * 1000 / expected);
        }
    }

    /** cpuNanos: CPU time of this whole JVM (client, GC, JIT), which a busy machine inflates less than wall time. */
    record Sample(long nanos, long allocatedBytes, long gcMillis, long cpuNanos) {}

    private static Sample measure(Client client, long expected) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long gcBefore = gcMillis();
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        long started = System.nanoTime();
        long count = client.fullSync();
        long nanos = System.nanoTime() - started;
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
        if (count != expected) {
            throw new IllegalStateException("expected " + expected + " events, got " + count);
        }
        return new Sample(nanos, allocated, gcMillis() - gcBefore, os.getProcessCpuTime() - cpuBefore);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
