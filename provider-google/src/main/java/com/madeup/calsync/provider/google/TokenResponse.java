package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.http.WireJson;
import tools.jackson.core.JsonParser;

/**
 * Google's token endpoint answer (code exchange and refresh). {@code expires_in} is seconds, read
 * from a number or a string. {@code refresh_token} comes only with offline access, normally not on
 * a refresh.
 */
record TokenResponse(
        String accessToken, Long expiresIn, String refreshToken, String scope, String tokenType, String idToken) {

    static TokenResponse read(JsonParser parser) {
        if (!WireJson.startObject(parser, "TokenResponse")) {
            return null;
        }
        String accessToken = null;
        Long expiresIn = null;
        String refreshToken = null;
        String scope = null;
        String tokenType = null;
        String idToken = null;
        for (String name = WireJson.nextMember(parser); name != null; name = WireJson.nextMember(parser)) {
            switch (name) {
                case "access_token" -> accessToken = WireJson.string(parser, name);
                case "expires_in" -> expiresIn = WireJson.int64(parser, name);
                case "refresh_token" -> refreshToken = WireJson.string(parser, name);
                case "scope" -> scope = WireJson.string(parser, name);
                case "token_type" -> tokenType = WireJson.string(parser, name);
                case "id_token" -> idToken = WireJson.string(parser, name);
                default -> parser.skipChildren();
            }
        }
        return new TokenResponse(accessToken, expiresIn, refreshToken, scope, tokenType, idToken);
    }

    @Override
    public String toString() {
        return "TokenResponse[redacted, expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
