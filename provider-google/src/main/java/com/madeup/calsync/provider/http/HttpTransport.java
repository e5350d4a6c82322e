package com.madeup.calsync.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * The HTTP layer every integration shares: the JDK {@link HttpClient}, a deadline on every call,
 * bodies streamed through jackson-core's parser (no data binding, no intermediate {@code String}),
 * and every outcome returned as an {@link ApiResponse}. Only bugs and misconfiguration throw. Each
 * finished call is reported once to the {@link CallObserver}.
 *
 * <p>The JDK's request timeout stops at the response headers; a server that then stalls the body
 * would hang the caller. A watchdog therefore closes the body stream when the call's deadline
 * passes, which makes the blocked read fail and the call end as {@link ErrorKind#TRANSIENT}.
 */
public final class HttpTransport implements AutoCloseable {

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final String userAgent;
    private final JsonFactory json;
    private final ErrorClassifier classifier;
    private final Clock clock;
    private final CallObserver observer;
    private final ScheduledExecutorService watchdog;

    public HttpTransport(
            HttpClient client, Duration requestTimeout, String userAgent, Clock clock, CallObserver observer) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = requireStrictlyPositive(requestTimeout, "requestTimeout");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        // jackson-core's limits stay at their defaults: strings up to 100 million characters (never
        // cut short), nesting up to 500, numbers up to 1000 digits; the source is never quoted in
        // error messages. The body stream stays ours to drain and close.
        this.json = JsonFactory.builder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        this.classifier = new ErrorClassifier(json);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "http-transport-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watchdog = executor;
    }

    /** A transport with its own client and no call observer. */
    public static HttpTransport create(
            Duration connectTimeout, Duration requestTimeout, String userAgent, Clock clock) {
        return create(connectTimeout, requestTimeout, userAgent, clock, CallObserver.NONE);
    }

    /** A transport with its own client: HTTP/1.1 (Google's API answers it fine), no redirects. */
    public static HttpTransport create(
            Duration connectTimeout, Duration requestTimeout, String userAgent, Clock clock, CallObserver observer) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(requireStrictlyPositive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new HttpTransport(client, requestTimeout, userAgent, clock, observer);
    }

    public Clock clock() {
        return clock;
    }

    /** Serialises a request body as UTF-8 JSON; a failure here is a bug in the writer. */
    public byte[] json(BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = json.createGenerator(ObjectWriteContext.empty(), out)) {
            writer.write(generator);
        }
        return out.toByteArray();
    }

    /**
     * Sends one request and reads a 2xx body with {@code reader}. An empty body, JSON of the wrong
     * shape, or a value the reader refuses is {@link ErrorKind#INVALID_RESPONSE}.
     */
    public <T> ApiResponse<T> send(ApiRequest request, BodyReader<T> reader) {
        return observed(request, Objects.requireNonNull(reader, "reader"));
    }

    /** Sends one request whose 2xx body, if any, is not needed (delete, stop, revoke). */
    public ApiResponse<Void> send(ApiRequest request) {
        return observed(request, null);
    }

    private <T> ApiResponse<T> observed(ApiRequest request, BodyReader<T> reader) {
        long started = System.nanoTime();
        ApiResponse<T> response = exchange(request, reader);
        observer.callFinished(request.operation(), response.errorKind(), Duration.ofNanos(System.nanoTime() - started));
        return response;
    }

    private <T> ApiResponse<T> exchange(ApiRequest request, BodyReader<T> reader) {
        long deadlineNanos = System.nanoTime() + requestTimeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = client.send(toHttpRequest(request), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException timeout) {
            return ApiResponse.transientFailure("timed out after " + requestTimeout + ": " + request);
        } catch (IOException io) {
            return ApiResponse.transientFailure(io.getClass().getSimpleName() + ": " + io.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ApiResponse.transientFailure("interrupted: " + request);
        }
        InputStream stream = response.body();
        long remainingNanos = Math.max(1, deadlineNanos - System.nanoTime());
        ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(stream), remainingNanos, TimeUnit.NANOSECONDS);
        try (InputStream body = decoded(response, stream)) {
            return read(request, response, body, reader);
        } catch (IOException io) {
            return ApiResponse.transientFailure("reading the body failed: " + io.getMessage());
        } finally {
            guard.cancel(false);
        }
    }

    private <T> ApiResponse<T> read(
            ApiRequest request, HttpResponse<InputStream> response, InputStream body, BodyReader<T> reader)
            throws IOException {
        int status = response.statusCode();
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (status >= 200 && status <= 299) {
            if (reader == null) {
                body.transferTo(OutputStream.nullOutputStream());
                return ApiResponse.success(status, null, etag);
            }
            return parse(status, etag, body, reader);
        }
        byte[] errorBody = body.readNBytes(MAX_ERROR_BODY_BYTES);
        var retryAfter =
                RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        return ApiResponse.failure(status, classifier.classify(status, request.method(), errorBody), retryAfter);
    }

    private <T> ApiResponse<T> parse(int status, String etag, InputStream body, BodyReader<T> reader)
            throws IOException {
        T value;
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() == null) {
                return invalid(status, "empty body");
            }
            value = reader.read(parser);
        } catch (JacksonIOException io) {
            return ApiResponse.transientFailure("reading the body failed: " + io.getOriginalMessage());
        } catch (JacksonException unreadable) {
            return invalid(status, "unreadable body: " + unreadable.getOriginalMessage());
        } catch (IllegalArgumentException | DateTimeException unexpected) {
            return invalid(status, "unreadable value: " + unexpected.getMessage());
        }
        if (value == null) {
            return invalid(status, "null body");
        }
        // Read to the end so the connection can be reused (the parser stops after the root value).
        body.transferTo(OutputStream.nullOutputStream());
        return ApiResponse.success(status, value, etag);
    }

    private static <T> ApiResponse<T> invalid(int status, String message) {
        return ApiResponse.failure(status, new ApiError(ErrorKind.INVALID_RESPONSE, null, message), null);
    }

    private HttpRequest toHttpRequest(ApiRequest request) {
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .method(request.method(), publisher)
                .timeout(requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json");
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private static InputStream decoded(HttpResponse<InputStream> response, InputStream stream) throws IOException {
        boolean gzip = response.headers()
                .firstValue("Content-Encoding")
                .map(value -> value.equalsIgnoreCase("gzip"))
                .orElse(false);
        return gzip ? new GZIPInputStream(stream, 16 * 1024) : stream;
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException alreadyBroken) {
            // The read that this close interrupts reports the failure; nothing to add here.
        }
    }

    private static Duration requireStrictlyPositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        client.close();
    }
}
