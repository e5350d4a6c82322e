package com.madeup.calsync.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One incoming HTTP request, read fully: method (after X-HTTP-Method-Override), path, query, body. */
final class Request {

    final String method;
    final String path;
    final String rawQuery;
    final Map<String, List<String>> query;
    final Headers headers;
    final byte[] body;

    private Request(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    static Request read(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        // Google's Java client gzips request bodies by default.
        String encoding = headers.getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 0) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // Clients on transports without PATCH (HttpURLConnection) tunnel it through POST.
        String override = headers.getFirst("X-HTTP-Method-Override");
        if ("POST".equals(method) && override != null && !override.isBlank()) {
            method = override.trim().toUpperCase(Locale.ROOT);
        }
        return new Request(
                method,
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    boolean isForm() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    Map<String, List<String>> form() {
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid", "Invalid URL encoding.");
        }
    }

    /** Decoded path segments after the given prefix; {@code %40} and {@code %23} in calendar ids survive. */
    List<String> segmentsAfter(String prefix) {
        String rest = path.substring(prefix.length());
        List<String> segments = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part.replace("+", "%2B")));
            }
        }
        return segments;
    }
}
