package com.madeup.calsync.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Where to send the user to consent, and what to keep in their session until they come back.
 *
 * @param url the provider's consent page with every parameter set
 * @param state the anti-CSRF value the provider hands back unchanged; compare with {@link #stateMatches}
 * @param codeVerifier the PKCE secret the code exchange must present
 */
public record AuthorizationRequest(URI url, String state, PkceVerifier codeVerifier) {

    public AuthorizationRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    /** Constant-time comparison with the {@code state} the redirect carried. */
    public boolean stateMatches(String returnedState) {
        return returnedState != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), returnedState.getBytes(StandardCharsets.UTF_8));
    }
}
