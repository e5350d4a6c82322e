package com.madeup.calsync.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running emulator: Google Calendar v3 at {@code baseUrl()/calendar/v3/}, OAuth at
 * {@code /o/oauth2/v2/auth}, {@code /token} and {@code /revoke}, and the admin API at {@code /emulator/}.
 *
 * <pre>{@code
 * try (GoogleEmulator google = GoogleEmulator.start(EmulatorConfig.defaults())) {
 *     URI base = google.baseUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class GoogleEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final PushDispatcher push;
    private final URI baseUrl;
    private final int seededEvents;

    private GoogleEmulator(EmulatorConfig config) throws IOException {
        Stats stats = new Stats();
        World world = new World(config.clock());
        TokenStore tokens = new TokenStore(config.clock(), config.accessTokenTtl());
        push = new PushDispatcher(
                config.clock(), stats, config.pushRetryInitialDelay(), config.pushMaxAttempts(), config.pushTimeout());
        world.setListener(push);
        Quota quota = new Quota(config.clock(), config.quotaPerUserPerMinute(), config.quotaStatus());
        Faults faults = new Faults();
        OAuthServer oauth = new OAuthServer(world, tokens, config.clients(), config.autoConsent(), config.clock());
        server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        String host = server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        baseUrl = URI.create("http://" + host + ":" + server.getAddress().getPort());
        URI publicUrl = config.publicUrl() != null ? stripSlash(config.publicUrl()) : baseUrl;
        WriteLog writes = new WriteLog();
        CalendarApi calendarApi =
                new CalendarApi(world, tokens, new EventListing(world), push, quota, writes, () -> publicUrl);
        AdminApi admin = new AdminApi(world, tokens, push, faults, quota, stats, writes, oauth);
        server.createContext("/", new HttpFront(calendarApi, oauth, admin, faults, stats));
        int seeded = 0;
        if (config.demo()) {
            seeded += Seeds.load(world, Seeds.readResource(DemoSeed.RESOURCE));
        }
        if (config.seedFile() != null) {
            seeded += Seeds.load(world, Json.MAPPER.readTree(Files.readAllBytes(config.seedFile())));
        }
        seededEvents = seeded;
        server.start();
    }

    private static URI stripSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** Binds, loads the seeds and starts serving. */
    public static GoogleEmulator start(EmulatorConfig config) {
        try {
            return new GoogleEmulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "google-emulator could not start on " + config.bindAddress() + ":" + config.port(), e);
        }
    }

    /** Where the emulator listens, e.g. {@code http://127.0.0.1:8089} (no trailing slash). */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Events created from the demo and seed file at start. */
    public int seededEvents() {
        return seededEvents;
    }

    @Override
    public void close() {
        server.stop(0);
        push.close();
        executor.shutdownNow();
    }
}
