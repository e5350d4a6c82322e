package com.madeup.calsync.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A push channel the provider created. Keep {@code id} and {@code resourceId}: stopping needs both.
 *
 * @param id our channel id, echoed in each notification
 * @param resourceId the provider's id of the watched resource
 * @param resourceUri the watched resource, version-specific
 * @param token the per-channel verification token echoed in notifications; redacted in toString
 * @param expiration when the provider stops sending (it may grant less than asked); null if not given
 */
public record ProviderChannel(String id, String resourceId, String resourceUri, String token, Instant expiration) {

    public ProviderChannel {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return "ProviderChannel[id=" + id + ", resourceId=" + resourceId + ", resourceUri=" + resourceUri + ", token="
                + (token == null ? "null" : "[redacted]") + ", expiration=" + expiration + "]";
    }
}
