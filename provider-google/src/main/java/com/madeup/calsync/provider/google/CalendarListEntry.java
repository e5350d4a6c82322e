package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Discovery {@code CalendarListEntry}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record CalendarListEntry(
        String kind,
        String etag,
        String id,
        String summary,
        String summaryOverride,
        String description,
        String timeZone,
        String accessRole,
        Boolean primary,
        Boolean deleted,
        Boolean hidden,
        Boolean selected) {}
