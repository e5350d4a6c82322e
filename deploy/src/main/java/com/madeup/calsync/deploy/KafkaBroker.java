package com.madeup.calsync.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in its own JVM, started
 * from the Kafka jars in {@code libDir}. Its storage lives in the data folder and is formatted only once,
 * so topics and offsets survive a restart.
 */
final class KafkaBroker implements AutoCloseable {

    static final String NAME = "kafka";

    private final DataFolder data;
    private final Path libDir;
    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    private final int heapMb;
    private final Console console;
    private ChildProcess process;

    KafkaBroker(
            DataFolder data,
            Path libDir,
            int port,
            int controllerPort,
            int defaultPartitions,
            int heapMb,
            Console console) {
        this.data = data;
        this.libDir = libDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
        this.heapMb = heapMb;
        this.console = console;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path logDir() {
        return data.kafka().resolve("data");
    }

    Path serverProperties() {
        return data.kafka().resolve("server.properties");
    }

    private Path log4jProperties() {
        return data.kafka().resolve("log4j2.properties");
    }

    private Path pidFile() {
        return data.run().resolve(NAME + ".pid");
    }

    /** The cluster id written when the storage was formatted, if it was. */
    Optional<String> clusterId() {
        Path meta = logDir().resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.ofNullable(properties.getProperty("cluster.id"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the configuration, formats the storage if new, starts the JVM and waits until it answers. */
    void start(Duration timeout) {
        ChildProcess.stopLeftover(pidFile(), Jvm.marker(data), console);
        requireJars();
        writeConfiguration();
        if (clusterId().isEmpty()) {
            format();
        }
        process = ChildProcess.start(
                new ChildProcess.Spec(
                        NAME,
                        Jvm.command(
                                data,
                                List.of(
                                        "-Xms64m",
                                        "-Xmx" + heapMb + "m",
                                        "-XX:+UseSerialGC",
                                        "-XX:MaxDirectMemorySize=64m",
                                        "-Xss512k",
                                        "-Dlog4j2.configurationFile=" + log4jProperties()),
                                List.of(
                                        "-cp",
                                        libDir + "/*",
                                        "kafka.Kafka",
                                        serverProperties().toString())),
                        Map.of(),
                        data.kafka(),
                        data.log(NAME),
                        pidFile(),
                        line -> line.contains(" ERROR ") || line.contains(" FATAL ")),
                console);
        awaitReady(timeout);
    }

    private void requireJars() {
        try (var jars = Files.list(libDir)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("no kafka_2.13 jar in " + libDir + "; build the deploy module first");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the broker's jar folder " + libDir + ": " + e.getMessage(), e);
        }
    }

    void writeConfiguration() {
        String server = String.join(
                "\n",
                "# Written by the calsync launcher at every start; edit the launcher, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                // Static quorum: the voter's address is read from here at each start, so the ports may change.
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=" + defaultPartitions,
                "default.replication.factor=1",
                // Topics are created up front with the right partition count; a typo must fail, not create one.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "share.coordinator.state.topic.num.partitions=5",
                "group.initial.rebalance.delay.ms=0",
                // A laptop-sized broker: few threads and a small cleaner buffer (128 MiB by default).
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
        // Log to stderr: the storage tool's stdout must stay clean (see stack-probe.md section 3).
        String log4j = String.join(
                "\n",
                "status = warn",
                // The broker's own hook stops it; log4j's hook would only warn that the JVM is shutting down.
                "shutdownHook = disable",
                "appender.console.type = Console",
                "appender.console.name = STDERR",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.console.ref = STDERR",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = info",
                "");
        try {
            Files.createDirectories(logDir());
            Files.writeString(serverProperties(), server);
            Files.writeString(log4jProperties(), log4j);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration in " + data.kafka(), e);
        }
    }

    private void format() {
        // Generated here rather than by 'StorageTool random-uuid', whose stdout may carry log lines.
        String clusterId = Uuid.randomUuid().toString();
        List<String> command = Jvm.command(
                data,
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4jProperties()),
                List.of(
                        "-cp",
                        libDir + "/*",
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        serverProperties().toString()));
        try {
            Process format = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(data.log(NAME).toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the broker storage took over 60 s; see " + data.log(NAME));
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting the broker storage failed (exit " + format.exitValue()
                        + "); see " + data.log(NAME));
            }
            console.info("formatted a new Kafka storage in " + logDir() + " (cluster id " + clusterId + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Kafka storage tool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the broker storage", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            failIfDeadOrLate(deadline, timeout);
            pause();
        }
        try (Admin admin = admin(Duration.ofSeconds(5))) {
            while (true) {
                try {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    failIfDeadOrLate(deadline, timeout);
                    pause();
                }
            }
        }
    }

    private void failIfDeadOrLate(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with code "
                    + process.exitCode().orElse(-1) + " during start; see " + process.logFile());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                    "the Kafka broker did not answer within " + timeout.toSeconds() + " s; see " + process.logFile());
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** An Admin client for this broker; the caller closes it. */
    Admin admin(Duration requestTimeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis()));
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGTERM makes the broker shut down in order (controlled shutdown, logs flushed). */
    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
