package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Discovery {@code Events}: one page of events.list. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record Events(
        String kind,
        String etag,
        String summary,
        String description,
        String updated,
        String timeZone,
        String accessRole,
        String nextPageToken,
        String nextSyncToken,
        List<Event> items) {}
