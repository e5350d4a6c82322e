package com.madeup.calsync.provider;

import com.madeup.calsync.provider.http.ApiResponse;
import java.net.URI;
import java.util.Set;

/** The provider's OAuth 2.0 authorization-code flow with PKCE, for the dashboard and token refresh. */
public interface OAuthApi {

    /**
     * Builds the consent URL: authorization code, PKCE S256, a fresh {@code state}, offline access
     * and a forced consent prompt (so a refresh token is issued again on reconnect).
     *
     * @param loginHint the account to preselect; null for none
     */
    AuthorizationRequest authorizationRequest(URI redirectUri, Set<String> scopes, String loginHint);

    /** Exchanges the code from the redirect; {@code redirectUri} must equal the one in the request. */
    ApiResponse<TokenGrant> exchangeCode(String code, URI redirectUri, PkceVerifier codeVerifier);

    /** A new access token; {@link com.madeup.calsync.provider.http.ErrorKind#INVALID_GRANT} means re-consent. */
    ApiResponse<TokenGrant> refresh(RefreshToken refreshToken);

    /** Revokes the grant behind the token (revoking a refresh token ends its access tokens too). */
    ApiResponse<Void> revoke(RefreshToken refreshToken);
}
