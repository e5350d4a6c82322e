package com.madeup.calsync.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A benchmark, not a test (run by {@code bench/stack/run.sh}): the local stack started with the README
 * command, every part a real process, measured from outside.
 *
 * <ul>
 *   <li>{@code propagation}: a change made at the emulator until its row is committed in PostgreSQL
 *       (push → webhook-ingress → Kafka → sync-worker → PostgreSQL), isolated changes (1.5 s apart,
 *       beyond the worker's per-calendar pass interval), p50/p90/p99.
 *   <li>{@code burst}: 1,000 changes on one calendar within about a second; how many events.list calls
 *       the sync-worker makes for them.
 *   <li>{@code load}: a minute of mixed load (changes at Google pushed through the ingress, event commands
 *       from the dashboard, dashboard page and API reads) while the resident memory of every process is
 *       sampled; peak RSS per process and the peak of the whole stack.
 * </ul>
 *
 * Prints lines starting with STACK, PROPAGATION, BURST, LOAD and MEMORY.
 */
public final class StackBenchmark {

    private static final String ACCOUNT = "demo@madeup.example";

    private final RunningStack stack;
    private final DashboardSession demo;
    private final Emulator emulator;
    private final String from = LocalDate.now().minusDays(30).toString();
    private final String to = LocalDate.now().plusDays(60).toString();

    private StackBenchmark(RunningStack stack) {
        this.stack = stack;
        this.demo = new DashboardSession(stack.dashboardUrl(), ACCOUNT, "demo");
        this.emulator = new Emulator(stack.emulatorUrl());
    }

    public static void main(String[] args) throws Exception {
        List<String> phases =
                args.length == 0 || args[0].equals("all") ? List.of("propagation", "burst", "load") : List.of(args);
        long begin = System.nanoTime();
        RunningStack stack = RunningStack.start();
        System.out.printf("STACK started in %.1f s (./run-local.sh --fresh, every part a process)%n", seconds(begin));
        try {
            StackBenchmark bench = new StackBenchmark(stack);
            bench.connectAndSync();
            for (String phase : phases) {
                switch (phase) {
                    case "propagation" -> bench.propagation(200);
                    case "burst" -> bench.burst(1000, Duration.ofSeconds(1));
                    case "load" -> bench.load(Duration.ofSeconds(60));
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
            }
        } finally {
            long stopBegin = System.nanoTime();
            int exit = stack.stop();
            System.out.printf("STACK stopped in %.1f s, launcher exit %d%n", seconds(stopBegin), exit);
        }
    }

    private void connectAndSync() {
        long begin = System.nanoTime();
        demo.signIn();
        demo.connectGoogle(ACCOUNT);
        demo.pickCalendars(new ArrayList<>(demo.listedCalendars().keySet()));
        String token = emulator.accessToken(ACCOUNT);
        int atGoogle = 0;
        for (String calendarId : emulator.calendarIds(token)) {
            atGoogle += emulator.countEvents(token, calendarId, from + "T00:00:00Z", to + "T00:00:00Z");
        }
        int expected = atGoogle;
        waitFor(
                "initial sync",
                Duration.ofMinutes(2),
                () -> demo.apiEvents(from, to).size() == expected);
        waitFor(
                "push channels",
                Duration.ofMinutes(2),
                () -> emulator.state().get("channels").size() >= 4);
        System.out.printf("STACK connected, %d events synced and channels open in %.1f s%n", expected, seconds(begin));
    }

    /**
     * Isolated changes, one at a time: time from sending the change to the emulator to the committed
     * row. For the slowest changes it prints how many pushes the emulator sent and how many
     * {@code events.list} calls were made while the change was in flight (1 and 1 when nothing else
     * happened), and how long after the previous change it was sent.
     */
    private void propagation(int changes) throws SQLException {
        List<String> eventIds = timedEventIds(changes);
        record Sample(int index, double millis, long pushes, long lists) {}
        List<Sample> samples = new ArrayList<>();
        try (Connection db = database()) {
            PreparedStatement summaryOf = db.prepareStatement("SELECT summary FROM calendar_events WHERE uuid = ?");
            for (int i = 0; i < changes; i++) {
                String eventId = eventIds.get(i % eventIds.size());
                String summary = "Propagation " + i + " " + System.nanoTime();
                var before = emulator.stats();
                long sent = System.nanoTime();
                emulator.patchEvent(ACCOUNT, eventId, Map.of("summary", summary));
                long deadline = sent + Duration.ofSeconds(30).toNanos();
                while (!summary.equals(queryString(summaryOf, eventId))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("change " + i + " did not arrive within 30 s");
                    }
                    pause(Duration.ofMillis(2));
                }
                double millis = (System.nanoTime() - sent) / 1e6;
                var after = emulator.stats();
                samples.add(new Sample(
                        i,
                        millis,
                        after.at("/push/sent").asLong()
                                - before.at("/push/sent").asLong(),
                        after.at("/calls/calendar.events.list").asLong()
                                - before.at("/calls/calendar.events.list").asLong()));
                // Isolated: past the worker's per-calendar pass interval (1 s), so no change waits for a
                // pass slot; changes closer together are a burst, measured below.
                pause(Duration.ofMillis(1500));
            }
        }
        List<Double> millis =
                new ArrayList<>(samples.stream().map(Sample::millis).sorted().toList());
        System.out.printf(
                "PROPAGATION change at the emulator -> row committed, %d isolated changes: p50 %.0f ms, p90 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms (targets: p50 <= 100, p99 <= 300)%n",
                changes, percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis.getLast());
        samples.stream()
                .sorted(Comparator.comparingDouble(Sample::millis).reversed())
                .limit(5)
                .forEach(slow -> System.out.printf(
                        "PROPAGATION slow change #%d: %.0f ms, %d pushes sent, %d events.list calls meanwhile%n",
                        slow.index(), slow.millis(), slow.pushes(), slow.lists()));
    }

    /** {@code count} changes to one calendar spread over {@code over}; the worker's list calls for them. */
    private void burst(int count, Duration over) throws Exception {
        List<String> eventIds = timedEventIds(50);
        pause(Duration.ofSeconds(2));
        long listsBefore = listCalls();
        long pushesBefore = emulator.stats().at("/push/succeeded").asLong();
        String last = "Burst last " + System.nanoTime();
        long begin = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                int n = i;
                long due = begin + over.toNanos() * i / count;
                senders.submit(() -> {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        pause(Duration.ofNanos(wait));
                    }
                    String summary = n == count - 1 ? last : "Burst " + n;
                    emulator.patchEvent(ACCOUNT, eventIds.get(n % eventIds.size()), Map.of("summary", summary));
                });
            }
        }
        double sendSeconds = seconds(begin);
        try (Connection db = database()) {
            PreparedStatement summaryOf = db.prepareStatement("SELECT summary FROM calendar_events WHERE uuid = ?");
            String lastEvent = eventIds.get((count - 1) % eventIds.size());
            waitFor(
                    "the burst's last change",
                    Duration.ofSeconds(60),
                    () -> last.equals(queryString(summaryOf, lastEvent)));
        }
        double arrivedSeconds = seconds(begin);
        // Trailing passes may still be scheduled: wait until the list count has not moved for 3 s.
        long settled = listCalls();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(3).toNanos()) {
            pause(Duration.ofMillis(250));
            long now = listCalls();
            if (now != settled) {
                settled = now;
                stableSince = System.nanoTime();
            }
        }
        System.out.printf(
                "BURST %d changes on one calendar sent in %.2f s, %d pushes delivered; last change stored after %.2f s;"
                        + " events.list calls: %d (target <= 3)%n",
                count,
                sendSeconds,
                emulator.stats().at("/push/succeeded").asLong() - pushesBefore,
                arrivedSeconds,
                settled - listsBefore);
    }

    /** Mixed load for {@code duration} while every process's memory is sampled. */
    private void load(Duration duration) throws Exception {
        List<String> eventIds = timedEventIds(50);
        Map<String, Long> pids = stack.pids();
        Map<String, Long> peakRss = new LinkedHashMap<>();
        AtomicLong peakTotalRss = new AtomicLong();
        AtomicLong peakTotalPss = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong changes = new AtomicLong();
        AtomicLong commands = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, String> calendars = demo.formOptions("calendarId");
        String calendarRow = calendars.values().iterator().next();
        String day = LocalDate.now().plusDays(5).toString();
        long begin = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.submit(() -> loop(running, errors, () -> {
                    long n = changes.incrementAndGet();
                    emulator.patchEvent(
                            ACCOUNT,
                            eventIds.get((int) (n % eventIds.size())),
                            Map.of("summary", "Load " + thread + " " + n));
                }));
            }
            workers.submit(() -> loop(running, errors, () -> {
                long n = commands.incrementAndGet();
                demo.createEvent(List.of(
                        Map.entry("calendarId", calendarRow),
                        Map.entry("summary", "Load command " + n),
                        Map.entry("startDate", day),
                        Map.entry("startTime", "09:00"),
                        Map.entry("endDate", day),
                        Map.entry("endTime", "09:30"),
                        Map.entry("timeZone", "Europe/Berlin")));
                pause(Duration.ofMillis(150)); // under the writer's per-connection rate limit (8/s)
            }));
            for (int t = 0; t < 2; t++) {
                workers.submit(() -> loop(running, errors, () -> {
                    demo.get("/calendar?view=month");
                    demo.apiEvents(from, to);
                    reads.addAndGet(2);
                }));
            }
            workers.submit(() -> {
                while (running.get()) {
                    long totalRss = 0;
                    long totalPss = 0;
                    for (Map.Entry<String, Long> part : pids.entrySet()) {
                        Memory memory = Memory.of(part.getValue(), part.getKey().equals("postgres"));
                        peakRss.merge(part.getKey(), memory.rssKib(), Math::max);
                        totalRss += memory.rssKib();
                        totalPss += memory.pssKib();
                    }
                    peakTotalRss.accumulateAndGet(totalRss, Math::max);
                    peakTotalPss.accumulateAndGet(totalPss, Math::max);
                    pause(Duration.ofMillis(500));
                }
            });
            pause(duration);
            running.set(false);
        }
        double took = seconds(begin);
        System.out.printf(
                "LOAD %.0f s: %d changes at Google (%.0f/s, each pushed through the ingress), %d dashboard commands,"
                        + " %d dashboard reads, %d errors%n",
                took, changes.get(), changes.get() / took, commands.get(), reads.get(), errors.get());
        peakRss.forEach((part, kib) -> System.out.printf(
                "MEMORY %-16s peak RSS %4d MiB%s%n",
                part,
                kib / 1024,
                part.equals("postgres") ? " (all its processes; shared buffers counted in each)" : ""));
        System.out.printf(
                "MEMORY whole stack peak: %d MiB summed RSS, %d MiB summed PSS (shared pages counted once)%n",
                peakTotalRss.get() / 1024, peakTotalPss.get() / 1024);
    }

    private static void loop(AtomicBoolean running, AtomicLong errors, ThrowingRunnable step) {
        while (running.get()) {
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                if (errors.incrementAndGet() <= 3) {
                    System.out.println("load error: " + e);
                }
            }
        }
    }

    /** Ids of timed (not all-day) events of the primary calendar. */
    private List<String> timedEventIds(int max) {
        return demo.apiEvents(from, to).stream()
                .filter(event -> event.get("calendarId").asString().equals(ACCOUNT))
                .filter(event -> !event.get("allDay").asBoolean())
                .filter(event -> event.get("editable").asBoolean())
                .map(event -> event.get("providerEventId").asString())
                .filter(id -> !id.contains("_")) // not an instance of a recurring series
                .limit(max)
                .toList();
    }

    private long listCalls() {
        JsonNode calls = emulator.stats().get("calls");
        return calls.path("calendar.events.list").asLong(0);
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(stack.databaseUrl(), stack.databaseUser(), stack.databasePassword());
    }

    private static String queryString(PreparedStatement statement, String parameter) throws SQLException {
        statement.setString(1, parameter);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void waitFor(String what, Duration atMost, Check check) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + atMost);
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Resident and proportional set size of a process (and, for PostgreSQL, of its children too), in KiB. */
    private record Memory(long rssKib, long pssKib) {
        static Memory of(long pid, boolean withChildren) {
            List<Long> pids = new ArrayList<>(List.of(pid));
            if (withChildren) {
                ProcessHandle.of(pid)
                        .ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
            }
            long rss = 0;
            long pss = 0;
            for (long each : pids) {
                rss += field(Path.of("/proc/" + each + "/status"), "VmRSS:");
                pss += field(Path.of("/proc/" + each + "/smaps_rollup"), "Pss:");
            }
            return new Memory(rss, pss);
        }

        private static long field(Path file, String name) {
            try (Stream<String> lines = Files.lines(file)) {
                return lines.filter(line -> line.startsWith(name))
                        .findFirst()
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .orElse(0L);
            } catch (IOException | RuntimeException e) {
                return 0; // the process ended between listing and reading
            }
        }
    }
}
