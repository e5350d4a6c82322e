package com.madeup.calsync.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar google-emulator.jar [--port=8089] [--bind=127.0.0.1] [--demo] ...}; see the README. */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmulatorConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("google-emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        GoogleEmulator emulator = GoogleEmulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("google-emulator listening on " + emulator.baseUrl()
                + (config.publicUrl() != null ? " (public URL " + config.publicUrl() + ")" : "")
                + (emulator.seededEvents() > 0 ? ", " + emulator.seededEvents() + " seeded events" : ""));
        System.out.flush();
        stopped.await();
    }

    static final String USAGE = "options: --port=8089 --bind=127.0.0.1 --seed=<file.json> --demo"
            + " --auto-consent=true|false --access-token-ttl=3600 --quota-per-user-per-minute=600"
            + " --quota-status=403|429|alternate --clients=id:secret,... --public-url=<url> --push-retry-initial-delay-ms=1000";

    static EmulatorConfig parse(String[] args) {
        EmulatorConfig config = EmulatorConfig.defaults().withPort(EmulatorConfig.DEFAULT_PORT);
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("usage");
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            try {
                config = switch (name) {
                    case "port" -> config.withPort(Integer.parseInt(value));
                    case "bind" -> config.withBindAddress(value);
                    case "seed" -> config.withSeedFile(Path.of(value));
                    case "demo" -> config.withDemo(Boolean.parseBoolean(value));
                    case "auto-consent" -> config.withAutoConsent(Boolean.parseBoolean(value));
                    case "access-token-ttl" -> config.withAccessTokenTtl(Duration.ofSeconds(Long.parseLong(value)));
                    case "quota-per-user-per-minute" -> config.withQuotaPerUserPerMinute(Integer.parseInt(value));
                    case "quota-status" ->
                        config.withQuotaStatus("alternate".equals(value) ? 0 : Integer.parseInt(value));
                    case "clients" -> config.withClients(clients(value));
                    case "public-url" -> config.withPublicUrl(URI.create(value));
                    case "push-retry-initial-delay-ms" ->
                        config.withPushRetryInitialDelay(Duration.ofMillis(Long.parseLong(value)));
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a number, got " + value);
            }
        }
        return config;
    }

    private static Map<String, String> clients(String value) {
        Map<String, String> clients = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("--clients expects id:secret pairs separated by commas");
            }
            clients.put(
                    pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return clients;
    }
}
