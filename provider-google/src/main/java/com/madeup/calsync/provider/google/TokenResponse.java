package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Google's token endpoint answer (code exchange and refresh). {@code expires_in} is seconds, read
 * from a number or a string. {@code refresh_token} comes only with offline access, normally not on
 * a refresh.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("id_token") String idToken) {

    @Override
    public String toString() {
        return "TokenResponse[redacted, expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
