package com.madeup.calsync.worker;

import com.madeup.calsync.messaging.ContractPublisher;
import com.madeup.calsync.model.CalendarChangeNotified;
import com.madeup.calsync.model.CalendarId;
import com.madeup.calsync.model.ConnectionId;
import com.madeup.calsync.model.MessageMeta;
import com.madeup.calsync.model.ResourceState;
import com.madeup.calsync.model.Topics;
import com.madeup.calsync.model.WatchedResource;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for webhook-ingress, for tests and benchmarks (the apps never depend on each
 * other): each push of the emulator becomes a {@link CalendarChangeNotified} for one connection's
 * calendar, received at the clock's now, and is answered 200 only after Kafka acknowledged it. No
 * channel or token check: the tests register the only channel.
 */
public final class PushToKafka implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger published = new AtomicInteger();

    public PushToKafka(ContractPublisher publisher, Clock clock, UUID connectionId, String calendarId)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push", exchange -> {
            var headers = exchange.getRequestHeaders();
            exchange.getRequestBody().readAllBytes();
            CalendarChangeNotified notification = new CalendarChangeNotified(
                    new MessageMeta(
                            UUID.randomUUID(),
                            CalendarChangeNotified.TYPE,
                            CalendarChangeNotified.VERSION,
                            clock.instant(),
                            new ConnectionId(connectionId)),
                    WatchedResource.EVENTS,
                    new CalendarId(calendarId),
                    headers.getFirst("X-Goog-Channel-ID"),
                    headers.getFirst("X-Goog-Resource-ID"),
                    "sync".equals(headers.getFirst("X-Goog-Resource-State"))
                            ? ResourceState.SYNC
                            : ResourceState.EXISTS,
                    Long.parseLong(headers.getFirst("X-Goog-Message-Number")),
                    null);
            try {
                publisher.publishAndWait(Topics.CALENDAR_CHANGE_NOTIFIED, connectionId.toString(), notification);
                published.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(503, -1); // the emulator retries, as Google does
            }
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/push");
    }

    /** Pushes published to Kafka so far (the channel's sync message included). */
    public int published() {
        return published.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
