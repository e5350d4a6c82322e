package com.madeup.calsync.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Push notifications as Google sends them (its headers, no body), for the integration tests. */
final class PushRequests {

    static final String PATH = "/api/calendar/notifications/create";

    private PushRequests() {}

    /**
     * A notification of {@code channel} to the ingress at {@code base}; no token header when {@code
     * token} is null, a body (which Google never sends) when {@code body} is not empty.
     */
    static HttpRequest notification(
            URI base, Duration timeout, String channel, String token, String state, String number, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(PATH))
                .timeout(timeout)
                .header("X-Goog-Channel-Id", channel)
                .header("X-Goog-Resource-ID", "resource-" + channel)
                .header("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/x/events?alt=json")
                .header("X-Goog-Resource-State", state)
                .header("X-Goog-Message-Number", number)
                .header("X-Goog-Channel-Expiration", "Tue, 01 Dec 2026 01:13:52 GMT")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Goog-Channel-Token", token);
        }
        return request.build();
    }
}
