package com.madeup.calsync.provider.spring;

import com.madeup.calsync.provider.OAuthApi;
import com.madeup.calsync.provider.RefreshToken;
import com.madeup.calsync.provider.TokenGrant;
import com.madeup.calsync.provider.http.ApiResponse;
import com.madeup.calsync.provider.http.ErrorKind;
import com.madeup.calsync.store.token.ConnectionTokens;
import com.madeup.calsync.store.token.ConnectionTokens.RefreshResult;
import com.madeup.calsync.store.token.SecretToken;
import java.util.Objects;

/** Performs calendar-store's {@link ConnectionTokens} refreshes through our Google OAuth client. */
public final class GoogleTokenRefresher implements ConnectionTokens.Refresher {

    private final OAuthApi oauth;

    public GoogleTokenRefresher(OAuthApi oauth) {
        this.oauth = Objects.requireNonNull(oauth, "oauth");
    }

    @Override
    public RefreshResult refresh(SecretToken refreshToken) {
        ApiResponse<TokenGrant> response = oauth.refresh(new RefreshToken(refreshToken.reveal()));
        if (response.ok()) {
            TokenGrant grant = response.body();
            SecretToken rotated =
                    grant.refreshToken() == null || grant.refreshToken().value().equals(refreshToken.reveal())
                            ? null
                            : SecretToken.of(grant.refreshToken().value());
            String scopes =
                    grant.scopes() == null || grant.scopes().isEmpty() ? null : String.join(" ", grant.scopes());
            return new RefreshResult.Refreshed(
                    SecretToken.of(grant.accessToken().value()), rotated, grant.expiresAt(), scopes);
        }
        ErrorKind kind = response.error().kind();
        if (kind == ErrorKind.INVALID_GRANT) {
            return new RefreshResult.InvalidGrant(response.error().reason());
        }
        return new RefreshResult.Failed(kind + ": " + response.error().message(), kind.retryable());
    }
}
