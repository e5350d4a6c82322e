package com.madeup.calsync.provider.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One outgoing call. Header values may hold secrets ({@code Authorization}), so {@link #toString()}
 * prints only the operation, method and URI.
 *
 * @param operation what is called, for metrics: the provider's method id where it has one
 *     ({@code calendar.events.list}), else a name of the same shape ({@code oauth2.token.refresh})
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param uri the full URI, query included
 * @param headers extra headers; the transport adds {@code User-Agent} and {@code Accept}
 * @param body the request body, or null for none
 * @param contentType the body's media type; null when there is no body
 */
public record ApiRequest(
        String operation, String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {

    public ApiRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        if (body != null && contentType == null) {
            throw new IllegalArgumentException("a body needs a content type");
        }
    }

    public static ApiRequest get(String operation, URI uri) {
        return new ApiRequest(operation, "GET", uri, Map.of(), null, null);
    }

    public static ApiRequest withoutBody(String operation, String method, URI uri) {
        return new ApiRequest(operation, method, uri, Map.of(), null, null);
    }

    public static ApiRequest withBody(String operation, String method, URI uri, byte[] body, String contentType) {
        return new ApiRequest(operation, method, uri, Map.of(), body, contentType);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiRequest(operation, method, uri, copy, body, contentType);
    }

    @Override
    public String toString() {
        return operation + " " + method + " " + uri;
    }
}
