package com.madeup.calsync.provider.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one result type of every provider call. HTTP errors are values here, never exceptions.
 *
 * @param status the HTTP status, or 0 when no response arrived (I/O error, timeout)
 * @param body the parsed body on success; null on failure and for calls without a body
 * @param etag the {@code ETag} response header, opaque; null when absent
 * @param retryAfter the {@code Retry-After} header as a duration; null when absent or unreadable
 * @param error why the call failed; null on success
 */
public record ApiResponse<T>(int status, T body, String etag, Duration retryAfter, ApiError error) {

    public ApiResponse {
        if (retryAfter != null && retryAfter.isNegative()) {
            retryAfter = Duration.ZERO;
        }
    }

    public static <T> ApiResponse<T> success(int status, T body, String etag) {
        return new ApiResponse<>(status, body, etag, null, null);
    }

    public static <T> ApiResponse<T> failure(int status, ApiError error, Duration retryAfter) {
        return new ApiResponse<>(status, null, null, retryAfter, Objects.requireNonNull(error, "error"));
    }

    /** A failure with no HTTP response at all (connection refused, timeout, reset). */
    public static <T> ApiResponse<T> transientFailure(String message) {
        return failure(0, new ApiError(ErrorKind.TRANSIENT, null, message), null);
    }

    public boolean ok() {
        return error == null;
    }

    /** The error kind, or null on success. */
    public ErrorKind errorKind() {
        return error == null ? null : error.kind();
    }

    public boolean failedWith(ErrorKind kind) {
        return error != null && error.kind() == kind;
    }

    /** Converts the body of a success; a failure keeps its status, error and retryAfter. */
    public <U> ApiResponse<U> map(Function<? super T, ? extends U> mapper) {
        if (error != null) {
            return new ApiResponse<>(status, null, etag, retryAfter, error);
        }
        return new ApiResponse<>(status, body == null ? null : mapper.apply(body), etag, retryAfter, null);
    }

    /** The same failure typed for another body; only valid on a failure. */
    public <U> ApiResponse<U> asFailure() {
        if (error == null) {
            throw new IllegalStateException("not a failure: " + status);
        }
        return new ApiResponse<>(status, null, etag, retryAfter, error);
    }
}
