package com.madeup.calsync.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The local stack, started the way the README tells a user to: {@code ./run-local.sh} from the
 * repository root, in the background. Every port is a free one picked here (through the launcher's
 * documented flags), so a stack a developer runs on the default ports is not disturbed; the data folder
 * is {@code e2e/target/stack-data}, wiped at start ({@code --fresh}).
 */
public final class RunningStack {

    /** The first start builds nothing in CI (the reactor packaged every jar), but is allowed to. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final Path repoRoot;
    private final Path dataDir;
    private final Path launcherLog;
    private final Map<String, Integer> ports;
    private final Process launcher;
    private final Properties stackFile;
    private Integer exitCode;

    private RunningStack(
            Path repoRoot,
            Path dataDir,
            Path launcherLog,
            Map<String, Integer> ports,
            Process launcher,
            Properties stackFile) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.launcherLog = launcherLog;
        this.ports = ports;
        this.launcher = launcher;
        this.stackFile = stackFile;
    }

    /** Runs {@code ./run-local.sh --fresh} with free ports and waits until it reports every app ready. */
    static RunningStack start() {
        Path repoRoot = findRepoRoot();
        Path target = repoRoot.resolve("e2e/target");
        Path dataDir = target.resolve("stack-data");
        Path launcherLog = target.resolve("run-local.log");
        Map<String, Integer> ports = freePorts(List.of(
                "postgres-port",
                "kafka-port",
                "kafka-controller-port",
                "emulator-port",
                "dashboard-port",
                "ingress-port",
                "worker-port",
                "writer-port"));
        List<String> command = new ArrayList<>(List.of("./run-local.sh", "--fresh", "--data-dir=" + dataDir));
        ports.forEach((flag, port) -> command.add("--" + flag + "=" + port));
        try {
            Files.createDirectories(target);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repoRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(launcherLog.toFile());
            // The stack's defaults, not whatever the developer's shell exports for their own stack.
            builder.environment().keySet().removeIf(name -> name.startsWith("CALSYNC_LOCAL_"));
            Process launcher = builder.start();
            Path stackFile = dataDir.resolve("run/stack.properties");
            await("the local stack to report every app ready (log: " + launcherLog + ")")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!launcher.isAlive()) {
                            throw new IllegalStateException("./run-local.sh exited with " + launcher.exitValue()
                                    + " before the stack was up:\n" + tail(launcherLog));
                        }
                        String log = Files.exists(launcherLog) ? Files.readString(launcherLog) : "";
                        if (log.contains("calsync local stack is PARTLY up")) {
                            throw new IllegalStateException(
                                    "the stack came up without every app:\n" + tail(launcherLog));
                        }
                        return log.contains("calsync local stack is up") && Files.exists(stackFile);
                    });
            return new RunningStack(repoRoot, dataDir, launcherLog, ports, launcher, load(stackFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ./run-local.sh in " + repoRoot, e);
        }
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + ports.get("dashboard-port");
    }

    public String emulatorUrl() {
        return "http://127.0.0.1:" + ports.get("emulator-port");
    }

    public String ingressUrl() {
        return "http://127.0.0.1:" + ports.get("ingress-port");
    }

    public String workerUrl() {
        return "http://127.0.0.1:" + ports.get("worker-port");
    }

    public String writerUrl() {
        return "http://127.0.0.1:" + ports.get("writer-port");
    }

    /** Every port the stack was given, by launcher flag ("dashboard-port", "kafka-port", ...). */
    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /** Each app's base URL by module name; every one serves /actuator. */
    public Map<String, String> appUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("webhook-ingress", ingressUrl());
        urls.put("sync-worker", workerUrl());
        urls.put("outbound-writer", writerUrl());
        urls.put("dashboard", dashboardUrl());
        return urls;
    }

    public String kafkaBootstrapServers() {
        return stackFile.getProperty("kafka.bootstrap-servers");
    }

    public String databaseUrl() {
        return stackFile.getProperty("database.url");
    }

    public String databaseUser() {
        return stackFile.getProperty("database.user");
    }

    /** The generated database password, from the stack's secrets file (as an operator would read it). */
    public String databasePassword() {
        return load(dataDir.resolve("secrets.properties")).getProperty("database-password");
    }

    /** Process ids of every part the launcher started (postgres, kafka, the emulator, the apps) and itself. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        stackFile.stringPropertyNames().stream()
                .filter(name -> name.startsWith("pid."))
                .sorted()
                .forEach(name -> pids.put(name.substring(4), Long.parseLong(stackFile.getProperty(name))));
        return pids;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public boolean isRunning() {
        return exitCode == null && launcher.isAlive();
    }

    /**
     * Stops the stack as a script would (SIGTERM to the launcher, which stops every part in reverse
     * order) and returns the launcher's exit code.
     */
    public synchronized int stop() {
        if (exitCode != null) {
            return exitCode;
        }
        launcher.destroy();
        try {
            if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                throw new IllegalStateException(
                        "./run-local.sh did not stop within " + STOP_TIMEOUT + ":\n" + tail(launcherLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the stack", e);
        }
        exitCode = launcher.exitValue();
        return exitCode;
    }

    /** The launcher's output so far (what a user sees in the terminal). */
    public String launcherOutput() {
        try {
            return Files.readString(launcherLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of an app's log, for failure messages. */
    public String logTail(String part) {
        return tail(dataDir.resolve("logs/" + part + ".log"));
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    private static Map<String, Integer> freePorts(List<String> flags) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String flag : flags) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(flag, socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            held.forEach(RunningStack::closeQuietly);
        }
        return ports;
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port was only held to keep the picks distinct
        }
    }

    private static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isExecutable(dir.resolve("run-local.sh"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "run-local.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** A process started by the stack, if it is still alive. */
    static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
