package com.madeup.calsync.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the local stack can be told, from command-line flags and {@code CALSYNC_LOCAL_*}
 * environment variables (a flag wins over its variable). Parsing fails with a message that names the
 * flag and the bad value; nothing starts on bad input.
 */
record StackOptions(
        Path repoRoot,
        Path dataDir,
        boolean fresh,
        int postgresPort,
        Optional<ExternalDatabase> externalDatabase,
        int kafkaPort,
        int kafkaControllerPort,
        int partitions,
        GoogleMode google,
        int emulatorPort,
        int dashboardPort,
        int ingressPort,
        int workerPort,
        int writerPort,
        boolean startApps,
        boolean seedOnly,
        Duration readyTimeout,
        int brokerHeapMb,
        int appHeapMb,
        String appJvmOptions,
        boolean emulatorAutoConsent) {

    static final String ENV_PREFIX = "CALSYNC_LOCAL_";

    /** Where Google is: the emulator started by the stack, or the real Google (see deploy/README.md). */
    enum GoogleMode {
        EMULATOR,
        REAL
    }

    /** A PostgreSQL server the stack does not start. */
    record ExternalDatabase(String url, String user, Secret password) {
        ExternalDatabase {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    StackOptions {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(externalDatabase, "externalDatabase");
        Objects.requireNonNull(google, "google");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(appJvmOptions, "appJvmOptions");
    }

    /** A flag (or boolean switch) the launcher understands. */
    private record Flag(String name, String valueName, String defaultValue, String help) {
        boolean isSwitch() {
            return valueName == null;
        }

        String envName() {
            return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    private static final Map<String, Flag> FLAGS = new LinkedHashMap<>();

    private static void flag(String name, String valueName, String defaultValue, String help) {
        FLAGS.put(name, new Flag(name, valueName, defaultValue, help));
    }

    static {
        flag("data-dir", "DIR", "<repo>/.data", "state of the stack: database, broker log, secrets, logs");
        flag("fresh", null, null, "wipe the data folder first (a new database, broker and secrets)");
        flag("repo-root", "DIR", "two folders above the launcher jar", "where the apps' jars are looked up");
        flag("postgres-port", "PORT", "5433", "port of the embedded PostgreSQL");
        flag("database-url", "JDBC_URL", null, "use this PostgreSQL instead of the embedded one");
        flag("database-user", "USER", "calsync", "user for --database-url");
        flag("database-password", "PASSWORD", "", "password for --database-url (prefer the env variable)");
        flag("kafka-port", "PORT", "9092", "Kafka broker listener");
        flag("kafka-controller-port", "PORT", "9093", "Kafka KRaft controller listener");
        flag("partitions", "N", "3", "partitions of each topic created at start");
        flag("google", "emulator|real", "emulator", "real: use Google itself (see deploy/README.md)");
        flag("emulator-port", "PORT", "8089", "port of the google-emulator");
        flag(
                "emulator-consent",
                "page|auto",
                "page",
                "page: the emulator shows Google's account chooser; auto: it approves at once");
        flag("dashboard-port", "PORT", "8080", "dashboard");
        flag("ingress-port", "PORT", "8081", "webhook-ingress");
        flag("worker-port", "PORT", "8082", "sync-worker");
        flag("writer-port", "PORT", "8083", "outbound-writer");
        flag("no-apps", null, null, "start PostgreSQL, Kafka and the emulator only (run the apps from an IDE)");
        flag("seed-only", null, null, "create the schema and demo data in --database-url, then exit");
        flag("ready-timeout", "SECONDS", "240", "how long to wait for the apps' readiness");
        flag("broker-heap", "MiB", "256", "maximum heap of the Kafka broker JVM");
        flag("app-heap", "MiB", "per app", "maximum heap of every app JVM (defaults: see deploy/README.md)");
        flag("app-jvm-options", "OPTIONS", "", "extra JVM options for every app, space-separated");
        flag("help", null, null, "print this help");
    }

    /** Thrown for bad input; the message is for the user. */
    static final class InvalidOptionException extends RuntimeException {
        InvalidOptionException(String message) {
            super(message);
        }
    }

    /** True when the arguments ask for help. */
    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    static StackOptions parse(List<String> args, Map<String, String> env, Path defaultRepoRoot) {
        Map<String, String> values = new HashMap<>();
        for (Flag flag : FLAGS.values()) {
            if (!flag.isSwitch() && env.containsKey(flag.envName())) {
                values.put(flag.name(), env.get(flag.envName()));
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new InvalidOptionException("unexpected argument '" + arg + "' (flags start with --; see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new InvalidOptionException("unknown flag --" + name + " (see --help)");
            }
            if (flag.isSwitch()) {
                if (value != null) {
                    throw new InvalidOptionException("--" + name + " takes no value");
                }
                values.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new InvalidOptionException(
                            "--" + name + " needs a value: --" + name + "=" + flag.valueName());
                }
                value = args.get(++i);
            }
            values.put(name, value);
        }
        return build(new Values(values), defaultRepoRoot);
    }

    private static StackOptions build(Values values, Path defaultRepoRoot) {
        Path repoRoot = values.path("repo-root")
                .orElse(defaultRepoRoot)
                .toAbsolutePath()
                .normalize();
        Path dataDir = values.path("data-dir")
                .map(dir ->
                        dir.isAbsolute() ? dir : Path.of("").toAbsolutePath().resolve(dir))
                .orElse(repoRoot.resolve(".data"))
                .normalize();
        Optional<ExternalDatabase> external = values.string("database-url").map(url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new InvalidOptionException("--database-url must be a jdbc:postgresql:// URL, got '" + url + "'");
            }
            return new ExternalDatabase(
                    url,
                    values.string("database-user").orElse("calsync"),
                    new Secret(values.string("database-password").orElse("")));
        });
        boolean seedOnly = values.isSet("seed-only");
        if (seedOnly && external.isEmpty()) {
            throw new InvalidOptionException("--seed-only needs --database-url (the embedded database seeds itself)");
        }
        StackOptions options = new StackOptions(
                repoRoot,
                dataDir,
                values.isSet("fresh"),
                values.port("postgres-port", 5433),
                external,
                values.port("kafka-port", 9092),
                values.port("kafka-controller-port", 9093),
                values.positive("partitions", 3, 1000),
                values.google(),
                values.port("emulator-port", 8089),
                values.port("dashboard-port", 8080),
                values.port("ingress-port", 8081),
                values.port("worker-port", 8082),
                values.port("writer-port", 8083),
                !values.isSet("no-apps"),
                seedOnly,
                Duration.ofSeconds(values.positive("ready-timeout", 240, 3600)),
                values.positive("broker-heap", 256, 65536),
                values.string("app-heap").isPresent() ? values.positive("app-heap", 0, 65536) : 0,
                values.string("app-jvm-options").orElse(""),
                values.emulatorAutoConsent());
        options.requireDistinctPorts();
        return options;
    }

    /** Every port the stack listens on, by what listens there. */
    Map<String, Integer> listeningPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (externalDatabase.isEmpty()) {
            ports.put("postgres-port", postgresPort);
        }
        ports.put("kafka-port", kafkaPort);
        ports.put("kafka-controller-port", kafkaControllerPort);
        if (google == GoogleMode.EMULATOR) {
            ports.put("emulator-port", emulatorPort);
        }
        if (startApps) {
            ports.put("dashboard-port", dashboardPort);
            ports.put("ingress-port", ingressPort);
            ports.put("worker-port", workerPort);
            ports.put("writer-port", writerPort);
        }
        return ports;
    }

    private void requireDistinctPorts() {
        Map<Integer, String> seen = new HashMap<>();
        listeningPorts().forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                throw new InvalidOptionException("--" + name + " and --" + other + " are both " + port);
            }
        });
    }

    static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ./run-local.sh [--no-build] [flags]\n\n");
        text.append("Starts PostgreSQL, Kafka, the google-emulator and the calsync apps on this machine.\n");
        text.append("Every flag with a value can also be set as an environment variable (shown in brackets).\n\n");
        for (Flag flag : FLAGS.values()) {
            String left = "  --" + flag.name() + (flag.isSwitch() ? "" : "=" + flag.valueName());
            text.append(String.format("%-40s %s", left, flag.help()));
            if (flag.defaultValue() != null && !flag.defaultValue().isEmpty()) {
                text.append(" (default ").append(flag.defaultValue()).append(')');
            }
            if (!flag.isSwitch()) {
                text.append(" [").append(flag.envName()).append(']');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Raw values by flag name, with typed readers that name the flag in their errors. */
    private record Values(Map<String, String> raw) {

        boolean isSet(String name) {
            return "true".equals(raw.get(name));
        }

        Optional<String> string(String name) {
            return Optional.ofNullable(raw.get(name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        Optional<Path> path(String name) {
            return string(name).map(Path::of);
        }

        int port(String name, int defaultValue) {
            int port = integer(name, defaultValue);
            if (port < 1 || port > 65535) {
                throw new InvalidOptionException("--" + name + " must be a port number 1..65535, got " + port);
            }
            return port;
        }

        int positive(String name, int defaultValue, int max) {
            int value = integer(name, defaultValue);
            if (value < 1 || value > max) {
                throw new InvalidOptionException("--" + name + " must be 1.." + max + ", got " + value);
            }
            return value;
        }

        GoogleMode google() {
            String value = string("google").orElse("emulator");
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "emulator" -> GoogleMode.EMULATOR;
                case "real" -> GoogleMode.REAL;
                default ->
                    throw new InvalidOptionException("--google must be 'emulator' or 'real', got '" + value + "'");
            };
        }

        boolean emulatorAutoConsent() {
            String value = string("emulator-consent").orElse("page");
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "page" -> false;
                case "auto" -> true;
                default ->
                    throw new InvalidOptionException(
                            "--emulator-consent must be 'page' or 'auto', got '" + value + "'");
            };
        }

        private int integer(String name, int defaultValue) {
            Optional<String> value = string(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("--" + name + " must be a number, got '" + value.get() + "'");
            }
        }
    }
}
