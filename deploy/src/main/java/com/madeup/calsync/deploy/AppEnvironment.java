package com.madeup.calsync.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment each app gets: the shared configuration contract (README.md "Configuration every app shares", deploy/README.md) as
 * Spring relaxed-binding variables, plus the thread and pool sizes of the local memory budget.
 */
final class AppEnvironment {

    static final String CLIENT_ID = "calsync-local";
    static final String NOTIFICATIONS_PATH = "/api/calendar/notifications/create";

    /** Variables that must come from the launcher's own environment with {@code --google=real}. */
    static final List<String> REAL_GOOGLE_REQUIRED =
            List.of("CALSYNC_GOOGLE_CLIENT_ID", "CALSYNC_GOOGLE_CLIENT_SECRET", "CALSYNC_WORKER_CHANNELS_WEBHOOK_URL");

    private final StackOptions options;
    private final String kafkaBootstrapServers;
    private final DatabaseAccess database;
    private final LocalSecrets secrets;
    private final String emulatorUrl;
    private final Map<String, String> launcherEnvironment;

    AppEnvironment(
            StackOptions options,
            String kafkaBootstrapServers,
            DatabaseAccess database,
            LocalSecrets secrets,
            String emulatorUrl,
            Map<String, String> launcherEnvironment) {
        this.options = options;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.database = database;
        this.secrets = secrets;
        this.emulatorUrl = emulatorUrl;
        this.launcherEnvironment = launcherEnvironment;
    }

    /** Fails before anything starts when real Google is asked for without its settings. */
    static void requireRealGoogleSettings(Map<String, String> launcherEnvironment) {
        List<String> missing = new ArrayList<>();
        for (String name : REAL_GOOGLE_REQUIRED) {
            String value = launcherEnvironment.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new StackOptions.InvalidOptionException("--google=real needs these environment variables: "
                    + String.join(", ", missing) + " (see deploy/README.md, 'Running against real Google')");
        }
    }

    String dashboardUrl() {
        return "http://127.0.0.1:" + options.dashboardPort();
    }

    Map<String, String> forApp(App app) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(app.port()));
        // Loopback only, like the database, the broker and the emulator: a laptop's stack is not a server.
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", database.user());
        env.put("SPRING_DATASOURCE_PASSWORD", database.password().value());
        env.put(
                "CALSYNC_STORE_TOKEN_ENCRYPTION_KEY",
                secrets.tokenEncryptionKey().value());
        if (options.google() == StackOptions.GoogleMode.EMULATOR) {
            env.put("CALSYNC_GOOGLE_API_BASE_URL", emulatorUrl);
            env.put("CALSYNC_GOOGLE_AUTH_URL", emulatorUrl + "/o/oauth2/v2/auth");
            env.put("CALSYNC_GOOGLE_TOKEN_URL", emulatorUrl + "/token");
            env.put("CALSYNC_GOOGLE_REVOKE_URL", emulatorUrl + "/revoke");
            env.put("CALSYNC_GOOGLE_CLIENT_ID", CLIENT_ID);
            env.put("CALSYNC_GOOGLE_CLIENT_SECRET", secrets.googleClientSecret().value());
            env.put(
                    "CALSYNC_WORKER_CHANNELS_WEBHOOK_URL",
                    "http://127.0.0.1:" + options.ingressPort() + NOTIFICATIONS_PATH);
            env.put("CALSYNC_DASHBOARD_PUBLIC_URL", dashboardUrl());
        } else {
            for (String name : REAL_GOOGLE_REQUIRED) {
                env.put(name, launcherEnvironment.get(name));
            }
            env.put(
                    "CALSYNC_DASHBOARD_PUBLIC_URL",
                    launcherEnvironment.getOrDefault("CALSYNC_DASHBOARD_PUBLIC_URL", dashboardUrl()));
        }
        // The local memory budget: small pools, and the readiness probe the launcher waits on.
        env.put("SERVER_TOMCAT_THREADS_MAX", "32");
        env.put("SERVER_TOMCAT_THREADS_MIN_SPARE", "2");
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "5");
        env.put("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "1");
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        env.put("SPRING_OUTPUT_ANSI_ENABLED", "never");
        return env;
    }
}
