package com.madeup.calsync.provider.google;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Discovery {@code CalendarList}: one page of calendarList.list. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record CalendarList(
        String kind, String etag, String nextPageToken, String nextSyncToken, List<CalendarListEntry> items) {}
