package com.madeup.calsync.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A loopback webhook that records every notification and answers scripted statuses (then 200). */
final class WebhookReceiver implements AutoCloseable {

    /** One received POST: lower-cased header names to first values, and the body length. */
    record Notification(Map<String, String> headers, int bodyLength) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    final List<Notification> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            received.add(new Notification(headers, body.length));
            Integer status = scriptedStatuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Notification> forChannel(String channelId) {
        return received.stream()
                .filter(n -> channelId.equals(n.header("X-Goog-Channel-ID")))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
