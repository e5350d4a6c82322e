package com.madeup.calsync.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

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

    private final JsonFactory json;

    ErrorClassifier(JsonFactory json) {
        this.json = json;
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
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new ErrorBody(List.of(), snippet(new String(body, StandardCharsets.UTF_8)));
            }
            GoogleError google = null;
            String oauthError = null;
            String oauthDescription = null;
            for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
                switch (name) {
                    case "error" -> {
                        // OAuth: {"error":"invalid_grant","error_description":"..."}; APIs: {"error":{...}}
                        if (parser.currentToken() == JsonToken.VALUE_STRING) {
                            oauthError = parser.getString();
                        } else if (parser.currentToken() == JsonToken.START_OBJECT) {
                            google = readGoogleError(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "error_description" -> oauthDescription = textOrNull(parser);
                    default -> parser.skipChildren();
                }
            }
            if (oauthError != null) {
                List<String> reasons = oauthError.isBlank() ? List.of() : List.of(oauthError);
                return new ErrorBody(reasons, snippet(oauthDescription == null ? "" : oauthDescription));
            }
            return google == null ? new ErrorBody(List.of(), "") : google.toBody();
        } catch (JacksonException notJson) {
            return new ErrorBody(List.of(), snippet(new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** Google's {@code error} object; members may come in any order, reasons keep a fixed one. */
    private record GoogleError(List<String> errorReasons, List<String> detailReasons, String status, String message) {
        ErrorBody toBody() {
            List<String> reasons = new ArrayList<>(errorReasons);
            reasons.addAll(detailReasons);
            if (status != null && !status.isBlank()) {
                reasons.add(status);
            }
            return new ErrorBody(reasons, snippet(message == null ? "" : message));
        }
    }

    private static GoogleError readGoogleError(JsonParser parser) {
        List<String> errorReasons = new ArrayList<>();
        List<String> detailReasons = new ArrayList<>();
        String status = null;
        String message = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "errors" -> readReasons(parser, errorReasons);
                case "details" -> readReasons(parser, detailReasons);
                case "status" -> status = textOrNull(parser);
                case "message" -> message = textOrNull(parser);
                default -> parser.skipChildren();
            }
        }
        return new GoogleError(errorReasons, detailReasons, status, message);
    }

    /** The {@code reason} of each object in an array ({@code errors[]} or {@code details[]}). */
    private static void readReasons(JsonParser parser, List<String> reasons) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
                if (!name.equals("reason")) {
                    parser.skipChildren();
                    continue;
                }
                String reason = textOrNull(parser);
                if (reason != null && !reason.isBlank()) {
                    reasons.add(reason);
                }
            }
        }
    }

    /** The string value, or null for anything else (skipped): error bodies are read leniently. */
    private static String textOrNull(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    private static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
