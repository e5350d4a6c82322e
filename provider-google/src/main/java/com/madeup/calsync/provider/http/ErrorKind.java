package com.madeup.calsync.provider.http;

/**
 * What went wrong with a provider call, decided once by {@link ErrorClassifier} from the HTTP status
 * and the provider's reason. {@link #retryable()} alone decides whether a call may be repeated as is.
 */
public enum ErrorKind {
    /** 5xx, 408, I/O errors and timeouts: the same request may succeed later. */
    TRANSIENT(true),
    /** 429, or 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded}: back off, then retry. */
    RATE_LIMITED(true),
    /** 401: the access token is expired or invalid; refresh it, then call again. */
    UNAUTHORIZED(false),
    /** 404: the resource does not exist or the user cannot see it. */
    NOT_FOUND(false),
    /** 412: the {@code If-Match} etag is stale; re-fetch and re-apply. */
    PRECONDITION_FAILED(false),
    /** 410 {@code fullSyncRequired}/{@code updatedMinTooLongAgo}: drop the sync token, run a full sync. */
    SYNC_TOKEN_INVALID(false),
    /** 410 {@code deleted} on a delete: the resource is already gone, nothing more to do. */
    ALREADY_DELETED(false),
    /** 409 {@code duplicate}: a resource with the client-chosen id already exists. */
    CONFLICT(false),
    /** Other 403s ({@code quotaExceeded}, {@code forbiddenForNonOrganizer}, missing scope): never retried blindly. */
    FORBIDDEN(false),
    /** OAuth {@code invalid_grant}: the refresh token or code is dead; the user must consent again. */
    INVALID_GRANT(false),
    /** A 2xx whose body could not be read as the expected type. */
    INVALID_RESPONSE(false),
    /** Any other 4xx: the request itself is wrong; fix it, do not retry. */
    PERMANENT(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether repeating the identical request later may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
