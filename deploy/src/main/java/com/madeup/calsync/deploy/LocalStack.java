package com.madeup.calsync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The one-command local stack: PostgreSQL, a Kafka broker, the google-emulator and the four apps, started
 * in that order and stopped in reverse. {@code ./run-local.sh} runs {@link #main}; a test can construct
 * it, call {@link #start()} and {@link #close()}, or start the jar as a process and send it SIGTERM.
 * Once up it writes {@code <data>/run/stack.properties} (URLs and ports) and removes it when stopped.
 */
public final class LocalStack implements AutoCloseable {

    private static final String EMULATOR = "google-emulator";

    private final StackOptions options;
    private final Console console;
    private final Path libDir;
    private final Map<String, String> launcherEnvironment;
    private final DataFolder data;
    private final Readiness readiness = new Readiness();
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final Map<String, String> status = new LinkedHashMap<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private volatile boolean closing;

    private DatabaseAccess database;
    private KafkaBroker broker;
    private AppEnvironment appEnvironment;

    /** A started part, stopped by {@link #close()} in reverse order. */
    private record Stoppable(String name, AutoCloseable part) {}

    LocalStack(StackOptions options, Console console, Path libDir, Map<String, String> launcherEnvironment) {
        this.options = options;
        this.console = console;
        this.libDir = libDir;
        this.launcherEnvironment = launcherEnvironment;
        this.data = new DataFolder(options.dataDir());
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (StackOptions.wantsHelp(arguments)) {
            System.out.print(StackOptions.usage());
            return;
        }
        Path launcherHome = launcherHome();
        // deploy/target/deploy.jar lives two folders below the repository root.
        Path defaultRepoRoot = Optional.ofNullable(launcherHome.getParent())
                .map(Path::getParent)
                .orElse(launcherHome);
        StackOptions options;
        try {
            options = StackOptions.parse(arguments, System.getenv(), defaultRepoRoot);
            if (options.google() == StackOptions.GoogleMode.REAL) {
                AppEnvironment.requireRealGoogleSettings(System.getenv());
            }
        } catch (StackOptions.InvalidOptionException e) {
            System.err.println("calsync: " + e.getMessage());
            System.err.println("calsync: see ./run-local.sh --help");
            System.exit(2);
            return;
        }
        Console console = new Console(System.out);
        LocalStack stack = new LocalStack(options, console, launcherHome.resolve("lib"), System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("stop-local-stack").unstarted(() -> {
                    stack.close();
                    stopped.countDown();
                }));
        try {
            stack.start();
        } catch (RuntimeException e) {
            console.line("calsync", "FAILED: " + e.getMessage());
            System.exit(1);
        }
        if (options.seedOnly()) {
            System.exit(0);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The folder holding the launcher's jar (or its classes when run from an IDE): deploy/target. */
    private static Path launcherHome() {
        try {
            Path location = Path.of(LocalStack.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return location.getParent().toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    /** Starts everything; on failure, what already started is stopped again and the error is thrown. */
    public void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        data.prepare(options.fresh());
        console.info("data folder " + data.root() + (options.fresh() ? " (wiped: --fresh)" : ""));
        stopLeftovers();
        if (!options.seedOnly()) {
            requirePortsFree();
        }
        LocalSecrets secrets = LocalSecrets.loadOrCreate(data.secrets(), new SecureRandom());

        startDatabase(secrets);
        prepareSchemaAndDemoData();
        if (options.seedOnly()) {
            return;
        }
        startKafka();
        String emulatorUrl = startEmulator();
        appEnvironment = new AppEnvironment(
                options, broker.bootstrapServers(), database, secrets, emulatorUrl, launcherEnvironment);
        List<RunningApp> apps = options.startApps() ? startApps() : List.of();
        awaitApps(apps);
        writeStackFile(emulatorUrl);
        printSummary(emulatorUrl, Duration.ofNanos(System.nanoTime() - begin));
        // From here the launcher only waits: give back the heap that Liquibase and the Admin client used.
        System.gc();
    }

    private void stopLeftovers() {
        try (var pidFiles = Files.list(data.run())) {
            pidFiles.filter(file -> file.toString().endsWith(".pid"))
                    .forEach(file -> ChildProcess.stopLeftover(file, Jvm.marker(data), console));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requirePortsFree() {
        List<String> taken = new ArrayList<>();
        options.listeningPorts().forEach((flag, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                // As the servers do: a port whose last connections linger in TIME_WAIT is free to listen on.
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                taken.add(port + " (--" + flag + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) already in use: " + String.join(", ", taken)
                    + ". Is another stack running? Stop it, or pick other ports with the flags named.");
        }
    }

    private void startDatabase(LocalSecrets secrets) {
        Optional<StackOptions.ExternalDatabase> external = options.externalDatabase();
        if (external.isPresent()) {
            database = new DatabaseAccess(
                    external.get().url(), external.get().user(), external.get().password());
            status.put(EmbeddedDatabase.NAME, "external " + database.jdbcUrl());
            console.info("using the external database " + database.jdbcUrl());
            return;
        }
        console.info("starting PostgreSQL on port " + options.postgresPort());
        EmbeddedDatabase embedded =
                EmbeddedDatabase.start(data, options.postgresPort(), secrets.databasePassword(), console);
        register(EmbeddedDatabase.NAME, embedded);
        database = embedded.access();
        pids.put(EmbeddedDatabase.NAME, embedded.pid());
        status.put(EmbeddedDatabase.NAME, "up on " + database.jdbcUrl());
    }

    private void prepareSchemaAndDemoData() {
        SchemaMigration migration =
                new SchemaMigration(SchemaMigration.CALENDAR_STORE_CHANGELOG, LocalStack.class.getClassLoader());
        if (!migration.changelogPresent()) {
            console.warn("calendar-store has no Liquibase changelog yet: no schema, no demo data."
                    + " The apps will create the schema themselves once it exists.");
            return;
        }
        migration.migrate(database);
        DemoData.Outcome seeded = new DemoData(new BCryptPasswordEncoder(), DemoData.TIME_ZONE).seed(database);
        console.info("schema up to date; demo data added: " + seeded.users() + " users, " + seeded.persons()
                + " persons, " + seeded.matters() + " matters (existing rows are left as they are)");
    }

    private void startKafka() {
        console.info("starting Kafka on port " + options.kafkaPort() + " (controller " + options.kafkaControllerPort()
                + ")");
        broker = new KafkaBroker(
                data,
                libDir,
                options.kafkaPort(),
                options.kafkaControllerPort(),
                options.partitions(),
                options.brokerHeapMb(),
                console);
        register(KafkaBroker.NAME, broker);
        broker.start(Duration.ofSeconds(90));
        pids.put(KafkaBroker.NAME, broker.pid());
        try (Admin admin = broker.admin(Duration.ofSeconds(10))) {
            KafkaTopics.Outcome topics =
                    new KafkaTopics(admin).ensure(com.madeup.calsync.model.Topics.ALL, options.partitions());
            console.info("topics: " + topics.created().size() + " created, "
                    + topics.existing().size() + " already there");
            topics.otherPartitionCount()
                    .forEach((topic, count) -> console.warn(topic + " has " + count + " partitions, not "
                            + options.partitions() + " (left as is; see docs/runbook.md, 'Adding instances')"));
        }
        status.put(KafkaBroker.NAME, "up on " + broker.bootstrapServers());
    }

    /** Starts the emulator's jar with its demo seed; returns its base URL (also when it is not available). */
    private String startEmulator() {
        String url = "http://127.0.0.1:" + options.emulatorPort();
        if (options.google() == StackOptions.GoogleMode.REAL) {
            status.put(EMULATOR, "not started (--google=real)");
            return url;
        }
        Path jar = options.repoRoot().resolve("google-emulator/target/google-emulator.jar");
        if (!Files.isRegularFile(jar)) {
            console.warn("google-emulator skipped: " + options.repoRoot().relativize(jar)
                    + " is missing (not built yet); the apps cannot reach 'Google'");
            status.put(EMULATOR, "SKIPPED (no jar)");
            return url;
        }
        console.info("starting the google-emulator on port " + options.emulatorPort());
        ChildProcess emulator = ChildProcess.start(
                new ChildProcess.Spec(
                        EMULATOR,
                        Jvm.command(
                                data,
                                List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                                List.of(
                                        "-jar",
                                        jar.toString(),
                                        "--port=" + options.emulatorPort(),
                                        "--bind=127.0.0.1",
                                        "--auto-consent=" + options.emulatorAutoConsent(),
                                        "--demo")),
                        Map.of(),
                        options.repoRoot(),
                        data.log(EMULATOR),
                        data.run().resolve(EMULATOR + ".pid"),
                        line -> line.contains("listening on") || line.contains("ERROR") || line.contains("Exception")),
                console);
        register(EMULATOR, emulator);
        pids.put(EMULATOR, emulator.pid());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Readiness.portOpen(options.emulatorPort())) {
            if (!emulator.isAlive() || System.nanoTime() > deadline || closing) {
                throw new IllegalStateException("the google-emulator did not open port " + options.emulatorPort()
                        + "; see " + emulator.logFile());
            }
            pause(Duration.ofMillis(200));
        }
        status.put(EMULATOR, "up on " + url);
        return url;
    }

    private record RunningApp(App app, ChildProcess process) {}

    private List<RunningApp> startApps() {
        List<RunningApp> running = new ArrayList<>();
        List<ChildProcess> processes = new ArrayList<>();
        for (App app : App.all(options)) {
            switch (app.find(options.repoRoot())) {
                case App.Missing missing -> {
                    console.warn(app.module() + " skipped: " + missing.reason());
                    status.put(app.module(), "SKIPPED (" + missing.reason() + ")");
                }
                case App.Runnable runnable -> {
                    ChildProcess process = ChildProcess.start(
                            new ChildProcess.Spec(
                                    app.module(),
                                    Jvm.command(
                                            data,
                                            app.jvmOptions(options.appJvmOptions()),
                                            List.of("-jar", runnable.jar().toString())),
                                    appEnvironment.forApp(app),
                                    options.repoRoot(),
                                    data.log(app.module()),
                                    data.run().resolve(app.module() + ".pid"),
                                    LocalStack::isImportantAppLine),
                            console);
                    processes.add(process);
                    running.add(new RunningApp(app, process));
                    pids.put(app.module(), process.pid());
                    status.put(app.module(), "starting on port " + app.port());
                }
            }
        }
        if (!processes.isEmpty()) {
            console.info("started " + processes.size() + " app(s); waiting up to "
                    + options.readyTimeout().toSeconds() + " s for their readiness");
            register("apps", () -> stopTogether(processes));
        }
        return running;
    }

    static boolean isImportantAppLine(String line) {
        return line.contains(" ERROR ")
                || line.contains("APPLICATION FAILED TO START")
                || line.matches(".*Started \\S+ in [0-9.]+ seconds.*");
    }

    /** Apps do not depend on each other, so they stop in parallel; the infrastructure stops after them. */
    private static void stopTogether(List<ChildProcess> processes) {
        List<Thread> stoppers = processes.stream()
                .map(process -> Thread.ofPlatform().start(() -> process.stop(Duration.ofSeconds(20))))
                .toList();
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitApps(List<RunningApp> apps) {
        List<RunningApp> waiting = new ArrayList<>(apps);
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline && !closing) {
            waiting.removeIf(running -> {
                if (!running.process().isAlive()) {
                    int code = running.process().exitCode().orElse(-1);
                    status.put(
                            running.app().module(),
                            (code == 0 ? "EXITED (code 0: nothing kept it running" : "FAILED (exit code " + code)
                                    + "; see "
                                    + data.root().relativize(running.process().logFile()) + ")");
                    return true;
                }
                if (readiness.appReady(running.app().port())) {
                    status.put(
                            running.app().module(),
                            "ready on http://127.0.0.1:" + running.app().port());
                    console.line(running.app().module(), "ready");
                    return true;
                }
                return false;
            });
            if (!waiting.isEmpty()) {
                pause(Duration.ofSeconds(1));
            }
        }
        for (RunningApp running : waiting) {
            status.put(
                    running.app().module(),
                    "NOT READY after " + options.readyTimeout().toSeconds() + " s (still running; see "
                            + data.root().relativize(running.process().logFile()) + ")");
        }
    }

    private void writeStackFile(String emulatorUrl) {
        Properties stack = new Properties();
        stack.setProperty("dashboard.url", appEnvironment.dashboardUrl());
        stack.setProperty("kafka.bootstrap-servers", broker.bootstrapServers());
        stack.setProperty("database.url", database.jdbcUrl());
        stack.setProperty("database.user", database.user());
        stack.setProperty("emulator.url", emulatorUrl);
        status.forEach((name, state) -> stack.setProperty("status." + name, state));
        pids.forEach((name, pid) -> stack.setProperty("pid." + name, Long.toString(pid)));
        stack.setProperty("pid.launcher", Long.toString(ProcessHandle.current().pid()));
        try (var writer = Files.newBufferedWriter(stackFile())) {
            stack.store(writer, "calsync local stack: up (removed when it stops)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path stackFile() {
        return data.run().resolve("stack.properties");
    }

    private void printSummary(String emulatorUrl, Duration took) {
        StringBuilder text = new StringBuilder("\n");
        long ready = status.values().stream()
                .filter(state -> state.startsWith("ready"))
                .count();
        int apps = App.all(options).size();
        if (!options.startApps()) {
            text.append("calsync local stack: infrastructure up, apps not started (--no-apps)");
        } else if (ready == apps) {
            text.append("calsync local stack is up");
        } else {
            text.append("calsync local stack is PARTLY up: ")
                    .append(ready)
                    .append(" of ")
                    .append(apps)
                    .append(" apps ready");
        }
        text.append(" (").append(took.toSeconds()).append(" s)\n\n");
        status.forEach((name, state) -> text.append(String.format("  %-16s %s%n", name, state)));
        text.append('\n');
        text.append("  Dashboard:        ")
                .append(appEnvironment.dashboardUrl())
                .append('\n');
        text.append("  Sign in:          demo@madeup.example / demo   (admin: admin@madeup.example / admin)\n");
        if (options.google() == StackOptions.GoogleMode.EMULATOR) {
            text.append("  Google (emulated): ")
                    .append(emulatorUrl)
                    .append("   account to connect: demo@madeup.example\n");
        }
        text.append("  Logs:             ").append(data.logs()).append('\n');
        text.append("  Stop:             Ctrl-C\n\n");
        console.raw(text.toString());
    }

    private void register(String name, AutoCloseable part) {
        synchronized (started) {
            if (closing) {
                closeQuietly(new Stoppable(name, part));
                throw new IllegalStateException("stopping");
            }
            started.push(new Stoppable(name, part));
        }
    }

    /** Stops what was started, newest first: apps, emulator, broker, PostgreSQL. Safe to call twice. */
    @Override
    public void close() {
        closing = true;
        boolean stoppedSomething = false;
        while (true) {
            Stoppable next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            console.info("stopping " + next.name());
            closeQuietly(next);
            stoppedSomething = true;
        }
        try {
            Files.deleteIfExists(stackFile());
        } catch (IOException ignored) {
            // Nothing to undo: the file only says the stack is up.
        }
        if (stoppedSomething) {
            console.info("stopped; the data stays in " + data.root() + " (--fresh wipes it)");
        }
    }

    private void closeQuietly(Stoppable stoppable) {
        try {
            stoppable.part().close();
        } catch (Exception e) {
            console.warn("stopping " + stoppable.name() + " failed: " + e.getMessage());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Pids of the started processes by name (for memory figures and tests). */
    Map<String, Long> pids() {
        return Map.copyOf(pids);
    }

    Map<String, String> status() {
        return Map.copyOf(status);
    }

    DataFolder data() {
        return data;
    }
}
