package com.madeup.calsync.provider.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that replays scripted answers in order (the last one repeats) and records
 * every request. Answers are recorded-Google-shaped JSON from {@code src/test/resources/google}.
 */
final class StubGoogleServer implements AutoCloseable {

    record Answer(
            int status, Map<String, String> headers, byte[] body, boolean stallBeforeHeaders, boolean stallInBody) {
        static Answer json(int status, String body) {
            return new Answer(
                    status, Map.of("Content-Type", "application/json; charset=UTF-8"), utf8(body), false, false);
        }

        static Answer resource(int status, String name) {
            return json(status, StubGoogleServer.resource(name));
        }

        Answer withHeader(String name, String value) {
            Map<String, String> copy = new java.util.HashMap<>(headers);
            copy.put(name, value);
            return new Answer(status, copy, body, stallBeforeHeaders, stallInBody);
        }

        static Answer neverAnswers() {
            return new Answer(200, Map.of(), new byte[0], true, false);
        }

        static Answer stallsInBody(String firstPart) {
            return new Answer(200, Map.of("Content-Type", "application/json"), utf8(firstPart), false, true);
        }
    }

    record Recorded(String method, URI uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile Answer lastAnswer = Answer.json(500, "{}");
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    StubGoogleServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StubGoogleServer then(Answer answer) {
        answers.add(answer);
        return this;
    }

    List<Recorded> requests() {
        return requests;
    }

    Recorded lastRequest() {
        return requests.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(
                exchange.getRequestMethod(), exchange.getRequestURI(), Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = lastAnswer;
        } else {
            lastAnswer = answer;
        }
        if (answer.stallBeforeHeaders()) {
            awaitRelease();
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean empty = answer.body().length == 0;
        exchange.sendResponseHeaders(answer.status(), empty ? -1 : (answer.stallInBody() ? 0 : answer.body().length));
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
            out.flush();
            if (answer.stallInBody()) {
                awaitRelease();
            }
        } catch (IOException clientGaveUp) {
            // The client closed the connection: exactly what the timeout tests provoke.
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String resource(String name) {
        try (var in = StubGoogleServer.class.getResourceAsStream("/google/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource google/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
