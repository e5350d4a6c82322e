package com.madeup.calsync.writer.command;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.http.ApiError;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.provider.http.RetryingCaller;
import com.madeup.calsync.provider.http.UserRateLimiter;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.ConnectionTokens.TokenAccess;
import com.madeup.calsync.store.token.SecretToken;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One provider call of a connection: every attempt takes a permit of the connection's rate limit,
 * retryable failures are retried with back-off (honouring Retry-After), and a 401 refreshes the
 * token once and calls again.
 */
public final class ProviderCalls {

    /** A call's last answer; {@code needsReauth} is set when a 401 could not be cured by a refresh. */
    record Answer<T>(ApiResponse<T> response, String needsReauth) {}

    private final RetryingCaller retrying;
    private final UserRateLimiter rateLimiter;
    private final ConnectionTokens tokens;
    private final ConnectionTokens.Refresher refresher;

    public ProviderCalls(
            RetryingCaller retrying,
            UserRateLimiter rateLimiter,
            ConnectionTokens tokens,
            ConnectionTokens.Refresher refresher) {
        this.retrying = Objects.requireNonNull(retrying, "retrying");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    <T> Answer<T> call(UUID connectionId, SecretToken token, String name, Function<AccessToken, ApiResponse<T>> call) {
        ApiResponse<T> response = retried(connectionId, token, name, call);
        if (!response.failedWith(ErrorKind.UNAUTHORIZED)) {
            return new Answer<>(response, null);
        }
        return switch (tokens.refreshAfterRejection(connectionId, token, refresher)) {
            case TokenAccess.Available fresh ->
                new Answer<>(retried(connectionId, fresh.accessToken(), name, call), null);
            case TokenAccess.NeedsReauth reauth -> new Answer<>(response, reauth.reason());
            case TokenAccess.Unavailable unavailable -> new Answer<>(response, null);
        };
    }

    private <T> ApiResponse<T> retried(
            UUID connectionId, SecretToken token, String name, Function<AccessToken, ApiResponse<T>> call) {
        AccessToken accessToken = new AccessToken(token.reveal());
        String key = connectionId.toString();
        return retrying.call(name, () -> {
            if (!rateLimiter.acquire(key)) {
                // Counts as rate limited, so the budget's back-off applies before the next try.
                return ApiResponse.failure(
                        429,
                        new ApiError(ErrorKind.RATE_LIMITED, "localRateLimit", "no permit of the per-user limit"),
                        null);
            }
            return call.apply(accessToken);
        });
    }
}
