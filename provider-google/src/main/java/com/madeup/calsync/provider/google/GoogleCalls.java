package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.WatchRequest;
import com.madeup.calsync.provider.http.ApiRequest;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.BodyReader;
import com.madeup.calsync.provider.http.BodyWriter;
import com.madeup.calsync.provider.http.HttpTransport;
import com.madeup.calsync.provider.http.WireJson;
import java.net.URI;
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

    <R> ApiResponse<R> get(AccessToken token, String operation, URI uri, BodyReader<R> reader) {
        return send(token, ApiRequest.get(operation, uri), reader);
    }

    <R> ApiResponse<R> sendJson(
            AccessToken token,
            String operation,
            String method,
            URI uri,
            BodyWriter body,
            BodyReader<R> reader,
            String ifMatch) {
        return send(token, jsonRequest(operation, method, uri, body, ifMatch), reader);
    }

    ApiResponse<Void> sendJson(AccessToken token, String operation, String method, URI uri, BodyWriter body) {
        return send(token, jsonRequest(operation, method, uri, body, null));
    }

    <R> ApiResponse<R> send(AccessToken token, ApiRequest request, BodyReader<R> reader) {
        return transport.send(authorized(token, request), reader);
    }

    ApiResponse<Void> send(AccessToken token, ApiRequest request) {
        return transport.send(authorized(token, request));
    }

    private ApiRequest jsonRequest(String operation, String method, URI uri, BodyWriter body, String ifMatch) {
        ApiRequest request = ApiRequest.withBody(operation, method, uri, transport.json(body), JSON);
        return ifMatch == null ? request : request.withHeader("If-Match", ifMatch);
    }

    private static ApiRequest authorized(AccessToken token, ApiRequest request) {
        Objects.requireNonNull(token, "token");
        return request.withHeader("Authorization", "Bearer " + token.value());
    }

    static Channel watchBody(WatchRequest request) {
        Map<String, String> params = request.ttl() == null
                ? null
                : Map.of("ttl", Long.toString(request.ttl().toSeconds()));
        return Channel.watch(request.channelId(), request.address().toString(), request.token(), params);
    }

    /**
     * Reads a wire record and maps it to the port's type while the body streams in. A body that is
     * JSON {@code null}, or a value Google would never send (an event without id, an unreadable
     * timestamp), makes the whole answer {@code INVALID_RESPONSE}.
     */
    static <W, R> BodyReader<R> reading(BodyReader<W> wire, Function<? super W, ? extends R> mapping) {
        return parser -> {
            W value = wire.read(parser);
            if (value == null) {
                throw WireJson.mismatch(parser, "body", "an object");
            }
            return mapping.apply(value);
        };
    }
}
