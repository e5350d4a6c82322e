package com.madeup.calsync.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer in Google's error format. Thrown inside request handling and turned into the JSON body
 * {@code {"error":{"errors":[...],"code":...,"message":...}}} at the edge.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String domain;
    final String reason;
    final String locationType;
    final String location;
    final Map<String, String> headers = new LinkedHashMap<>();

    ApiError(int status, String domain, String reason, String message, String locationType, String location) {
        super(message, null, false, false);
        this.status = status;
        this.domain = domain;
        this.reason = reason;
        this.locationType = locationType;
        this.location = location;
    }

    /** The same error pointing at a query parameter. */
    ApiError locate(String parameter) {
        ApiError located = new ApiError(status, domain, reason, getMessage(), "parameter", parameter);
        located.headers.putAll(headers);
        return located;
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    static ApiError badRequest(String reason, String message) {
        return new ApiError(400, "global", reason, message, null, null);
    }

    static ApiError invalidParameter(String parameter, String message) {
        return new ApiError(400, "global", "invalid", message, "parameter", parameter);
    }

    static ApiError required(String message, String location) {
        return new ApiError(400, "global", "required", message, null, location);
    }

    static ApiError notFound() {
        return new ApiError(404, "global", "notFound", "Not Found", null, null);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "global", "authError", "Invalid Credentials", "header", "Authorization")
                .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }

    static ApiError loginRequired() {
        return new ApiError(401, "global", "required", "Login Required.", "header", "Authorization")
                .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
    }

    static ApiError insufficientPermissions() {
        return new ApiError(403, "global", "insufficientPermissions", "Insufficient Permission", null, null);
    }

    static ApiError writerAccessRequired() {
        return new ApiError(
                403, "calendar", "requiredAccessLevel", "You need to have writer access to this calendar.", null, null);
    }

    static ApiError forbiddenForNonOrganizer() {
        return new ApiError(
                403,
                "calendar",
                "forbiddenForNonOrganizer",
                "Shared properties can only be changed by the organizer of the event.",
                null,
                null);
    }

    static ApiError duplicate() {
        return new ApiError(409, "global", "duplicate", "The requested identifier already exists.", null, null);
    }

    static ApiError deleted() {
        return new ApiError(410, "global", "deleted", "Resource has been deleted", null, null);
    }

    static ApiError fullSyncRequired() {
        return new ApiError(
                410,
                "calendar",
                "fullSyncRequired",
                "Sync token is no longer valid, a full sync is required.",
                "parameter",
                "syncToken");
    }

    static ApiError conditionNotMet() {
        return new ApiError(412, "global", "conditionNotMet", "Precondition Failed", "header", "If-Match");
    }

    static ApiError timeRangeEmpty() {
        return new ApiError(
                400, "calendar", "timeRangeEmpty", "The specified time range is empty.", "parameter", "timeMax");
    }

    static ApiError rateLimited(int status) {
        return new ApiError(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", null, null);
    }
}
