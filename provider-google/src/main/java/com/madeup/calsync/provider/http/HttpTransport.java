package com.madeup.calsync.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP layer every integration shares: the JDK {@link HttpClient}, a deadline on every call,
 * bodies streamed into Jackson, and every outcome returned as an {@link ApiResponse}. Only bugs and
 * misconfiguration throw.
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
    private final JsonMapper mapper;
    private final ErrorClassifier classifier;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;

    public HttpTransport(HttpClient client, Duration requestTimeout, String userAgent, JsonMapper mapper, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = requireStrictlyPositive(requestTimeout, "requestTimeout");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.classifier = new ErrorClassifier(mapper);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "http-transport-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watchdog = executor;
    }

    /** A transport with its own client: HTTP/1.1 (Google's API answers it fine), no redirects. */
    public static HttpTransport create(
            Duration connectTimeout, Duration requestTimeout, String userAgent, Clock clock) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(requireStrictlyPositive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new HttpTransport(client, requestTimeout, userAgent, defaultMapper(), clock);
    }

    /** Jackson as the providers need it: unknown fields ignored, nothing else changed. */
    public static JsonMapper defaultMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public Clock clock() {
        return clock;
    }

    /** Serialises a request body; a failure here is a bug in the caller's types. */
    public byte[] json(Object body) {
        return mapper.writeValueAsBytes(body);
    }

    /**
     * Sends one request and reads the answer.
     *
     * @param bodyType the type a 2xx body is read into; {@code Void.class} to ignore the body
     */
    public <T> ApiResponse<T> send(ApiRequest request, Class<T> bodyType) {
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
            return read(request, response, body, bodyType);
        } catch (IOException io) {
            return ApiResponse.transientFailure("reading the body failed: " + io.getMessage());
        } finally {
            guard.cancel(false);
        }
    }

    private <T> ApiResponse<T> read(
            ApiRequest request, HttpResponse<InputStream> response, InputStream body, Class<T> bodyType)
            throws IOException {
        int status = response.statusCode();
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (status >= 200 && status <= 299) {
            if (bodyType == Void.class) {
                body.transferTo(OutputStream.nullOutputStream());
                return ApiResponse.success(status, null, etag);
            }
            try {
                return ApiResponse.success(status, mapper.readValue(body, bodyType), etag);
            } catch (JacksonIOException io) {
                return ApiResponse.transientFailure("reading the body failed: " + io.getOriginalMessage());
            } catch (JacksonException garbage) {
                return ApiResponse.failure(
                        status,
                        new ApiError(
                                ErrorKind.INVALID_RESPONSE,
                                null,
                                "unreadable " + bodyType.getSimpleName() + ": " + garbage.getOriginalMessage()),
                        null);
            }
        }
        byte[] errorBody = body.readNBytes(MAX_ERROR_BODY_BYTES);
        var retryAfter =
                RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        return ApiResponse.failure(status, classifier.classify(status, request.method(), errorBody), retryAfter);
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
