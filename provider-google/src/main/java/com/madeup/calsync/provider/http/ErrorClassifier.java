package com.madeup.calsync.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns a failed HTTP answer into an {@link ApiError}. Reads Google's classic
 * envelope ({@code error.errors[].reason}), the newer one ({@code error.status} and
 * {@code error.details[].reason}), OAuth's ({@code error} as a string plus {@code error_description}),
 * and survives bodies that are not JSON at all.
 */
final class ErrorClassifier {

    private static final Set<String> RATE_LIMIT_REASONS =
            Set.of("rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED");
    private static final Set<String> SYNC_TOKEN_REASONS = Set.of("fullSyncRequired", "updatedMinTooLongAgo");
    private static final int MAX_MESSAGE_CHARS = 300;

    private final JsonMapper mapper;

    ErrorClassifier(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ApiError classify(int status, String httpMethod, byte[] body) {
        ErrorBody parsed = parse(body);
        String reason = parsed.reasons().isEmpty() ? null : parsed.reasons().getFirst();
        return new ApiError(kindOf(status, httpMethod, parsed.reasons()), reason, parsed.message());
    }

    static ErrorKind kindOf(int status, String httpMethod, List<String> reasons) {
        if (reasons.contains("invalid_grant")) {
            return ErrorKind.INVALID_GRANT;
        }
        return switch (status) {
            case 401 -> ErrorKind.UNAUTHORIZED;
            case 403 ->
                reasons.stream().anyMatch(RATE_LIMIT_REASONS::contains) ? ErrorKind.RATE_LIMITED : ErrorKind.FORBIDDEN;
            case 404 -> ErrorKind.NOT_FOUND;
            case 408 -> ErrorKind.TRANSIENT;
            case 409 -> ErrorKind.CONFLICT;
            case 410 -> goneKind(httpMethod, reasons);
            case 412 -> ErrorKind.PRECONDITION_FAILED;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 501, 505 -> ErrorKind.PERMANENT;
            default -> status >= 500 && status <= 599 ? ErrorKind.TRANSIENT : ErrorKind.PERMANENT;
        };
    }

    private static ErrorKind goneKind(String httpMethod, List<String> reasons) {
        if (reasons.contains("deleted")) {
            return ErrorKind.ALREADY_DELETED;
        }
        if (reasons.stream().anyMatch(SYNC_TOKEN_REASONS::contains)) {
            return ErrorKind.SYNC_TOKEN_INVALID;
        }
        // No known reason: on a delete the resource is gone; on a read, Google's rule is "full sync".
        return "DELETE".equals(httpMethod) ? ErrorKind.ALREADY_DELETED : ErrorKind.SYNC_TOKEN_INVALID;
    }

    private record ErrorBody(List<String> reasons, String message) {}

    private ErrorBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorBody(List.of(), "");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException notJson) {
            return new ErrorBody(List.of(), snippet(new String(body, StandardCharsets.UTF_8)));
        }
        if (root == null || !root.isObject()) {
            return new ErrorBody(List.of(), snippet(new String(body, StandardCharsets.UTF_8)));
        }
        JsonNode error = root.path("error");
        List<String> reasons = new ArrayList<>();
        if (error.isString()) {
            // OAuth: {"error":"invalid_grant","error_description":"Token has been expired or revoked."}
            reasons.add(error.stringValue());
            return new ErrorBody(reasons, snippet(root.path("error_description").asString("")));
        }
        for (JsonNode item : error.path("errors").values()) {
            addIfText(reasons, item.path("reason"));
        }
        for (JsonNode detail : error.path("details").values()) {
            addIfText(reasons, detail.path("reason"));
        }
        addIfText(reasons, error.path("status"));
        return new ErrorBody(reasons, snippet(error.path("message").asString("")));
    }

    private static void addIfText(List<String> reasons, JsonNode node) {
        if (node.isString() && !node.stringValue().isBlank()) {
            reasons.add(node.stringValue());
        }
    }

    private static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
