package com.madeup.calsync.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watch channels and webhook deliveries. Each channel's messages go out in order (sync first, then
 * exists after every change) from background threads; 500/502/503/504 answers are retried with
 * exponential back-off, other non-success answers are failures.
 */
final class PushDispatcher implements World.ChangeListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());
    private static final Set<Integer> SUCCESS = Set.of(200, 201, 202, 204, 102);
    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);
    static final long DEFAULT_TTL_SECONDS = 604_800;

    enum Mode {
        DELIVER,
        DROP,
        DELAY
    }

    enum Kind {
        EVENTS,
        CALENDAR_LIST
    }

    static final class Channel {
        final String id;
        final String resourceId;
        final String resourceUri;
        final String token;
        final String address;
        final long expirationMillis;
        final String ownerEmail;
        final Kind kind;
        /** Calendar id for EVENTS, account email for CALENDAR_LIST. */
        final String target;

        final AtomicLong messageNumber = new AtomicLong();
        /** Deliveries in flight to this channel's address; Google too sends several at once. */
        final Semaphore inFlight = new Semaphore(DELIVERIES_PER_CHANNEL);

        volatile boolean stopped;

        Channel(
                String id,
                String resourceId,
                String resourceUri,
                String token,
                String address,
                long expirationMillis,
                String ownerEmail,
                Kind kind,
                String target) {
            this.id = id;
            this.resourceId = resourceId;
            this.resourceUri = resourceUri;
            this.token = token;
            this.address = address;
            this.expirationMillis = expirationMillis;
            this.ownerEmail = ownerEmail;
            this.kind = kind;
            this.target = target;
        }

        @Override
        public String toString() {
            return "Channel[id=" + id + ", kind=" + kind + ", target=" + target + "]";
        }
    }

    record Message(String state, long number, int attempt) {
        Message nextAttempt() {
            return new Message(state, number, attempt + 1);
        }
    }

    /** How many pushes to one channel may be in flight at once. */
    static final int DELIVERIES_PER_CHANNEL = 8;

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Stats stats;
    private final Duration retryInitialDelay;
    private final int maxAttempts;
    private final Duration timeout;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "emulator-push-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private volatile Mode mode = Mode.DELIVER;
    private volatile long delayMillis;

    PushDispatcher(Clock clock, Stats stats, Duration retryInitialDelay, int maxAttempts, Duration timeout) {
        this.clock = clock;
        this.stats = stats;
        this.retryInitialDelay = retryInitialDelay;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(senders)
                .build();
    }

    void setMode(Mode mode, long delayMillis) {
        this.mode = mode;
        this.delayMillis = delayMillis;
    }

    /** Validates a watch request body like Google and registers the channel; returns it. */
    Channel watch(ObjectNode body, String ownerEmail, Kind kind, String target, String resourceUri) {
        String id = Json.text(body, "id");
        if (id == null || id.isBlank()) {
            throw ApiError.required("Required", "id");
        }
        if (id.length() > 64) {
            throw new ApiError(400, "global", "invalid", "Channel id must be at most 64 characters.", null, "id");
        }
        String type = Json.text(body, "type");
        if (type == null || !(type.equalsIgnoreCase("web_hook") || type.equalsIgnoreCase("webhook"))) {
            throw new ApiError(400, "global", "invalid", "Invalid value for: type", null, "type");
        }
        String address = Json.text(body, "address");
        checkAddress(address);
        String token = Json.text(body, "token");
        if (token != null && token.length() > 256) {
            throw new ApiError(
                    400, "global", "invalid", "Channel token must be at most 256 characters.", null, "token");
        }
        long ttlSeconds = DEFAULT_TTL_SECONDS;
        String ttl = Json.text(body.path("params"), "ttl");
        if (ttl != null) {
            try {
                ttlSeconds = Long.parseLong(ttl.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "global", "invalid", "Invalid ttl parameter.", null, "params.ttl");
            }
            if (ttlSeconds <= 0) {
                throw new ApiError(400, "global", "invalid", "Invalid ttl parameter.", null, "params.ttl");
            }
        }
        long now = clock.millis();
        long expiration = now + ttlSeconds * 1000;
        String requested = Json.text(body, "expiration");
        if (requested != null) {
            try {
                long asked = Long.parseLong(requested.trim());
                if (asked > now) {
                    expiration = Math.min(expiration, asked);
                }
            } catch (NumberFormatException e) {
                throw new ApiError(400, "global", "invalid", "Invalid expiration.", null, "expiration");
            }
        }
        Channel channel = new Channel(
                id, resourceId(kind, target), resourceUri, token, address, expiration, ownerEmail, kind, target);
        if (channels.putIfAbsent(id, channel) != null) {
            throw new ApiError(400, "global", "channelIdNotUnique", "Channel id not unique", null, null);
        }
        enqueue(channel, "sync");
        return channel;
    }

    /** Google requires https; the emulator also accepts http to loopback and private addresses. */
    private static void checkAddress(String address) {
        URI uri;
        try {
            uri = address == null ? null : URI.create(address);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            throw new ApiError(400, "push", "invalidAddress", "Invalid notification address.", null, "address");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLocal(uri.getHost())) {
            return;
        }
        throw new ApiError(
                400, "push", "invalidAddress", "WebHook callback must be HTTPS: " + address, null, "address");
    }

    private static boolean isLocal(String host) {
        if ("localhost".equalsIgnoreCase(host) || host.endsWith(".local") || host.endsWith(".internal")) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress();
        } catch (UnknownHostException e) {
            // a name that does not resolve here (e.g. a container name) is taken as local
            return !host.contains(".");
        }
    }

    /** Stable per watched resource, like Google's (opaque, URL-safe). */
    static String resourceId(Kind kind, String target) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((kind + ":" + target).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static ObjectNode channelJson(Channel channel) {
        ObjectNode out = Json.object();
        out.put("kind", "api#channel");
        out.put("id", channel.id);
        out.put("resourceId", channel.resourceId);
        out.put("resourceUri", channel.resourceUri);
        if (channel.token != null) {
            out.put("token", channel.token);
        }
        out.put("expiration", Long.toString(channel.expirationMillis));
        return out;
    }

    /** channels.stop: 404 when unknown or not the same user's channel. */
    void stop(String id, String resourceId, String email) {
        Channel channel = channels.get(id);
        if (channel == null || !channel.resourceId.equals(resourceId)) {
            throw new ApiError(404, "global", "notFound", "Channel '" + id + "' not found for project", null, null);
        }
        if (!channel.ownerEmail.equals(email)) {
            throw new ApiError(
                    403, "global", "forbidden", "Channel '" + id + "' was not created by this user", null, null);
        }
        channel.stopped = true;
        channels.remove(id, channel);
    }

    @Override
    public void eventsChanged(String calendarId) {
        notifyAll(Kind.EVENTS, calendarId);
    }

    @Override
    public void calendarListChanged(String email) {
        notifyAll(Kind.CALENDAR_LIST, email);
    }

    private void notifyAll(Kind kind, String target) {
        long now = clock.millis();
        for (Channel channel : channels.values()) {
            if (channel.expirationMillis <= now) {
                channels.remove(channel.id, channel);
                continue;
            }
            if (channel.kind == kind && channel.target.equals(target)) {
                enqueue(channel, "exists");
            }
        }
    }

    private void enqueue(Channel channel, String state) {
        Message message = new Message(state, channel.messageNumber.incrementAndGet(), 1);
        switch (mode) {
            case DROP -> stats.push("dropped");
            case DELAY -> timer.schedule(() -> append(channel, message), delayMillis, TimeUnit.MILLISECONDS);
            default -> append(channel, message);
        }
    }

    private void append(Channel channel, Message message) {
        senders.execute(() -> deliver(channel, message));
    }

    /**
     * Sends one message, at most {@link #DELIVERIES_PER_CHANNEL} per channel at a time. Like Google's
     * (whose message numbers grow "but not sequentially"), deliveries of one channel may overlap and
     * arrive out of order; a retried message is sent again later on its own.
     */
    private void deliver(Channel channel, Message message) {
        if (channel.stopped || channel.expirationMillis <= clock.millis()) {
            stats.push("expired");
            return;
        }
        int status;
        channel.inFlight.acquireUninterruptibly();
        try {
            status = send(channel, message);
        } finally {
            channel.inFlight.release();
        }
        if (SUCCESS.contains(status)) {
            stats.push("succeeded");
        } else if (RETRYABLE.contains(status) || status < 0) {
            if (message.attempt() >= maxAttempts) {
                stats.push("failed");
                return;
            }
            stats.push("retried");
            long delay = retryInitialDelay.toMillis() << Math.min(message.attempt() - 1, 16);
            timer.schedule(
                    () -> senders.execute(() -> deliver(channel, message.nextAttempt())), delay, TimeUnit.MILLISECONDS);
        } else {
            stats.push("failed");
        }
    }

    /** One POST; the status, or -1 when the webhook could not be reached (retried like a 503). */
    private int send(Channel channel, Message message) {
        stats.push("sent");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.address))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
                .header("X-Goog-Channel-ID", channel.id)
                .header("X-Goog-Channel-Expiration", Times.rfc1123(channel.expirationMillis))
                .header("X-Goog-Resource-ID", channel.resourceId)
                .header("X-Goog-Resource-URI", channel.resourceUri)
                .header("X-Goog-Resource-State", message.state())
                .header("X-Goog-Message-Number", Long.toString(message.number()));
        if (channel.token != null) {
            request.header("X-Goog-Channel-Token", channel.token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            LOG.log(Level.FINE, "push to channel " + channel.id + " failed: " + e);
            return -1;
        }
    }

    ArrayNode dump() {
        ArrayNode out = Json.NODES.arrayNode();
        for (Channel channel : channels.values()) {
            ObjectNode node = channelJson(channel);
            node.put("address", channel.address);
            node.put("owner", channel.ownerEmail);
            node.put("watches", channel.kind == Kind.EVENTS ? "events" : "calendarList");
            node.put("target", channel.target);
            out.add(node);
        }
        return out;
    }

    void clear() {
        channels.values().forEach(c -> c.stopped = true);
        channels.clear();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
        http.shutdownNow();
    }
}
