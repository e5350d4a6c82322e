package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiError;
import com.madeup.calsync.provider.http.ApiRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.HttpTransport;
import java.net.URI;
import java.time.DateTimeException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What every Google resource class shares: the transport, the base URL, bearer auth, body mapping. */
final class GoogleCalls {

    static final String JSON = "application/json";

    private final HttpTransport transport;
    private final URI apiBaseUrl;

    GoogleCalls(HttpTransport transport, URI apiBaseUrl) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    }

    URI uri(String path, Map<String, String> query) {
        return Urls.withQuery(apiBaseUrl, path, query);
    }

    <W> ApiResponse<W> get(AccessToken token, URI uri, Class<W> type) {
        return send(token, ApiRequest.get(uri), type);
    }

    <W> ApiResponse<W> sendJson(AccessToken token, String method, URI uri, Object body, Class<W> type, String ifMatch) {
        ApiRequest request = ApiRequest.withBody(method, uri, transport.json(body), JSON);
        if (ifMatch != null) {
            request = request.withHeader("If-Match", ifMatch);
        }
        return send(token, request, type);
    }

    <W> ApiResponse<W> send(AccessToken token, ApiRequest request, Class<W> type) {
        Objects.requireNonNull(token, "token");
        return transport.send(request.withHeader("Authorization", "Bearer " + token.value()), type);
    }

    static Channel watchBody(WatchRequest request) {
        Map<String, String> params = request.ttl() == null
                ? null
                : Map.of("ttl", Long.toString(request.ttl().toSeconds()));
        return Channel.watch(request.channelId(), request.address().toString(), request.token(), params);
    }

    /**
     * Maps a success body to the port's type. A value Google would never send (an event without id,
     * an unreadable timestamp) makes the whole answer {@link ErrorKind#INVALID_RESPONSE}.
     */
    static <W, R> ApiResponse<R> mapped(ApiResponse<W> response, Function<? super W, ? extends R> mapper) {
        if (!response.ok()) {
            return response.asFailure();
        }
        if (response.body() == null) {
            return ApiResponse.failure(
                    response.status(), new ApiError(ErrorKind.INVALID_RESPONSE, null, "empty body"), null);
        }
        try {
            return response.map(mapper);
        } catch (IllegalArgumentException | DateTimeException unreadable) {
            return ApiResponse.failure(
                    response.status(),
                    new ApiError(ErrorKind.INVALID_RESPONSE, null, "unreadable value: " + unreadable.getMessage()),
                    null);
        }
    }
}
