package com.madeup.calsync.worker.channel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback stand-in for webhook-ingress: records every push's headers and answers 200. */
final class WebhookReceiver implements AutoCloseable {

    /** The headers of one push we check. */
    record Push(String channelId, String token, String resourceState, String resourceId) {}

    private final HttpServer server;
    private final List<Push> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/calendar/notifications/create", exchange -> {
            var headers = exchange.getRequestHeaders();
            received.add(new Push(
                    headers.getFirst("X-Goog-Channel-ID"),
                    headers.getFirst("X-Goog-Channel-Token"),
                    headers.getFirst("X-Goog-Resource-State"),
                    headers.getFirst("X-Goog-Resource-ID")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/calendar/notifications/create");
    }

    List<Push> pushesFor(String channelId) {
        return received.stream()
                .filter(push -> channelId.equals(push.channelId()))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
