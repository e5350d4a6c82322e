package com.madeup.calsync.provider.google;

import com.madeup.calsync.provider.AccessToken;
import com.madeup.calsync.provider.http.ApiResponse;
import java.util.Map;
import java.util.Objects;

/** Google {@code channels.stop}. */
final class GoogleChannelsApi {

    private final GoogleCalls calls;

    GoogleChannelsApi(GoogleCalls calls) {
        this.calls = calls;
    }

    ApiResponse<Void> stop(AccessToken token, String channelId, String resourceId) {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(resourceId, "resourceId");
        return calls.sendJson(
                token,
                "calendar.channels.stop",
                "POST",
                calls.uri("channels/stop", Map.of()),
                Channel.stop(channelId, resourceId)::write);
    }
}
