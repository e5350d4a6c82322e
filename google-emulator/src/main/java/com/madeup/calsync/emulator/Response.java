package com.madeup.calsync.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A complete HTTP answer, built by a handler and written once by {@link HttpFront}. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=UTF-8";

    static Response json(int status, JsonNode node) {
        return new Response(status, JSON, Json.bytes(node), new LinkedHashMap<>());
    }

    static Response jsonBytes(int status, byte[] body) {
        return new Response(status, JSON, body, new LinkedHashMap<>());
    }

    static Response noContent() {
        return new Response(204, null, new byte[0], new LinkedHashMap<>());
    }

    static Response html(int status, String html) {
        return new Response(status, "text/html; charset=UTF-8", Json.utf8(html), new LinkedHashMap<>());
    }

    static Response redirect(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        return new Response(302, null, new byte[0], headers);
    }

    Response withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Google's error body for an {@link ApiError}. */
    static Response error(ApiError error) {
        var item = Json.object();
        item.put("domain", error.domain);
        item.put("reason", error.reason);
        item.put("message", error.getMessage());
        if (error.locationType != null) {
            item.put("locationType", error.locationType);
        }
        if (error.location != null) {
            item.put("location", error.location);
        }
        var inner = Json.object();
        inner.putArray("errors").add(item);
        inner.put("code", error.status);
        inner.put("message", error.getMessage());
        var root = Json.object();
        root.set("error", inner);
        Response response = json(error.status, root);
        response.headers.putAll(error.headers);
        return response;
    }
}
