package com.madeup.calsync.provider.google;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Builds Google URLs: path segments and query values percent-encoded (calendar ids hold '@' and '#'). */
final class Urls {

    private Urls() {}

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String form(Map<String, String> values) {
        StringJoiner joined = new StringJoiner("&");
        values.forEach((name, value) -> {
            if (value != null) {
                joined.add(segment(name) + "=" + segment(value));
            }
        });
        return joined.toString();
    }

    static URI withQuery(URI base, String path, Map<String, String> query) {
        String encoded = form(query);
        return URI.create(base + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }
}
