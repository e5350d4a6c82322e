package com.madeup.calsync.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A watched calendar (or the account's calendar list) changed at the provider. Sent by
 * webhook-ingress for each verified push notification; consumed by sync-worker, which runs an
 * incremental sync. Carries no event data: the sync reads it. Topic {@link Topics#CALENDAR_CHANGE_NOTIFIED},
 * key = connection id. Schema {@code schemas/calendar-change-notified/v1.schema.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarChangeNotified(
        MessageMeta meta, // messageId, type, version, occurredAt (when ingress received it), connectionId
        WatchedResource resource, // what the channel watches: one calendar's EVENTS or the CALENDAR_LIST
        CalendarId calendarId, // the watched calendar; null when resource is CALENDAR_LIST
        String channelId, // X-Goog-Channel-ID: our id of the channel (calendar_subscriptions.uuid)
        String resourceId, // X-Goog-Resource-ID: the provider's id of the watched resource
        ResourceState state, // X-Goog-Resource-State: SYNC | EXISTS | NOT_EXISTS
        long messageNumber, // X-Goog-Message-Number: grows per channel, 1 for the sync message

        @JsonFormat(shape = JsonFormat.Shape.STRING)
        Instant channelExpiration) { // X-Goog-Channel-Expiration as UTC; null when the header was absent

    public static final String TYPE = "calendar-change-notified";
    public static final int VERSION = 1;

    /** Longest channel or resource id accepted. */
    static final int MAX_CHANNEL_ID_LENGTH = 1024;

    public CalendarChangeNotified {
        Require.metaMatches(meta, TYPE, VERSION, "CalendarChangeNotified");
        Require.present(resource, "CalendarChangeNotified.resource");
        if (resource == WatchedResource.EVENTS) {
            Require.present(calendarId, "CalendarChangeNotified.calendarId (resource events)");
        }
        Require.notBlank(channelId, "CalendarChangeNotified.channelId", MAX_CHANNEL_ID_LENGTH);
        Require.notBlank(resourceId, "CalendarChangeNotified.resourceId", MAX_CHANNEL_ID_LENGTH);
        Require.present(state, "CalendarChangeNotified.state");
        if (messageNumber < 0) {
            throw new IllegalArgumentException(
                    "CalendarChangeNotified.messageNumber must not be negative, was " + messageNumber);
        }
    }
}
