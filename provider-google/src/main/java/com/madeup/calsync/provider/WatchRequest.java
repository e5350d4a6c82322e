package com.madeup.calsync.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks the provider to push change notifications to {@code address}.
 *
 * @param channelId a new unique id (UUID), at most 64 characters
 * @param address the HTTPS endpoint notifications are posted to
 * @param token a random secret echoed in each notification, at most 256 characters; redacted in toString
 * @param ttl requested lifetime; null for the provider's default (Google: 7 days)
 */
public record WatchRequest(String channelId, URI address, String token, Duration ttl) {

    public WatchRequest {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(address, "address");
        if (channelId.length() > 64) {
            throw new IllegalArgumentException("channel id longer than 64 characters");
        }
        if (token != null && token.length() > 256) {
            throw new IllegalArgumentException("channel token longer than 256 characters");
        }
    }

    @Override
    public String toString() {
        return "WatchRequest[channelId=" + channelId + ", address=" + address + ", token="
                + (token == null ? "null" : "[redacted]") + ", ttl=" + ttl + "]";
    }
}
