package com.madeup.calsync.worker.token;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.ConnectionTokens.TokenAccess;
import com.madeup.calsync.store.token.SecretToken;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs provider work with a connection's access token: takes the token from {@link
 * ConnectionTokens}, and on a 401 refreshes it (only if still the stored one) and runs the work once
 * more. The work may be a whole multi-page sync pass, so it must be idempotent.
 */
public final class AuthorizedCalls {

    private static final Logger log = LoggerFactory.getLogger(AuthorizedCalls.class);

    /** What came of the work. */
    public sealed interface Outcome<T> {

        /** The work ran; its (last) response, which may still be an error. */
        record Done<T>(ApiResponse<T> response) implements Outcome<T> {}

        /** The user must reconnect: the work pauses until a new SyncRequested arrives. */
        record NeedsReauth<T>(String reason) implements Outcome<T> {}

        /** No token could be had now (the refresh itself failed). */
        record Unavailable<T>(String reason, boolean retryable) implements Outcome<T> {}
    }

    private final ConnectionTokens tokens;
    private final ConnectionTokens.Refresher refresher;
    // Connections already reported as needing re-consent: log once, not once per notification.
    private final Set<UUID> reportedNeedsReauth = ConcurrentHashMap.newKeySet();

    public AuthorizedCalls(ConnectionTokens tokens, ConnectionTokens.Refresher refresher) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    public <T> Outcome<T> run(UUID connectionId, Function<AccessToken, ApiResponse<T>> work) {
        TokenAccess access = tokens.accessTokenFor(connectionId, refresher);
        if (!(access instanceof TokenAccess.Available available)) {
            return notAvailable(connectionId, access);
        }
        ApiResponse<T> response =
                work.apply(new AccessToken(available.accessToken().reveal()));
        if (response.ok() || response.error().kind() != ErrorKind.UNAUTHORIZED) {
            reportedNeedsReauth.remove(connectionId);
            return new Outcome.Done<>(response);
        }
        SecretToken rejected = available.accessToken();
        TokenAccess refreshed = tokens.refreshAfterRejection(connectionId, rejected, refresher);
        if (!(refreshed instanceof TokenAccess.Available again)) {
            return notAvailable(connectionId, refreshed);
        }
        return new Outcome.Done<>(work.apply(new AccessToken(again.accessToken().reveal())));
    }

    private <T> Outcome<T> notAvailable(UUID connectionId, TokenAccess access) {
        return switch (access) {
            case TokenAccess.NeedsReauth needsReauth -> {
                if (reportedNeedsReauth.add(connectionId)) {
                    log.warn(
                            "Connection {} needs re-consent ({}); its sync pauses until the user reconnects",
                            connectionId,
                            needsReauth.reason());
                }
                yield new Outcome.NeedsReauth<>(needsReauth.reason());
            }
            case TokenAccess.Unavailable unavailable ->
                new Outcome.Unavailable<>(unavailable.reason(), unavailable.retryable());
            case TokenAccess.Available available -> throw new IllegalStateException("token is available");
        };
    }
}
