package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Discovery {@code Channel}: the body of watch and stop requests and of the watch answer.
 * {@code expiration} is int64 milliseconds, which Google sends as a JSON string (its docs show a
 * number): a String field accepts both.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record Channel(
        String kind,
        String id,
        String resourceId,
        String resourceUri,
        String token,
        String expiration,
        String type,
        String address,
        Map<String, String> params) {

    static Channel watch(String id, String address, String token, Map<String, String> params) {
        return new Channel(null, id, null, null, token, null, "web_hook", address, params);
    }

    static Channel stop(String id, String resourceId) {
        return new Channel(null, id, resourceId, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + ", resourceId=" + resourceId + ", token=" + (token == null ? "null" : "[redacted]")
                + ", expiration=" + expiration + "]";
    }
}
