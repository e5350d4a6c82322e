package com.madeup.calsync.store.channel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A push channel ({@code calendar_subscriptions}). The channel's secret token is not here: only
 * its SHA-256 is stored, checked by {@link SubscriptionStore#verify}.
 *
 * @param id row id
 * @param channelId the channel id sent as X-Goog-Channel-ID (column {@code uuid}, at most 64 chars)
 * @param providerCalendarIds the provider calendar ids watched (column {@code calendar_ids}); empty
 *     for a calendar-list channel
 * @param connectionId the provider connection (the Kafka key of the work it triggers)
 * @param userId the connection's user
 * @param resourceKind events or calendar list
 * @param resourceId the provider's resource id (X-Goog-Resource-ID); null until the watch answered
 * @param expiration when the provider stops sending; null until the watch answered
 * @param state the lifecycle state
 * @param createdAt when recorded
 * @param updatedAt last state change
 */
public record CalendarSubscription(
        long id,
        String channelId,
        List<String> providerCalendarIds,
        UUID connectionId,
        long userId,
        ResourceKind resourceKind,
        String resourceId,
        Instant expiration,
        ChannelState state,
        Instant createdAt,
        Instant updatedAt) {

    public CalendarSubscription {
        providerCalendarIds = List.copyOf(providerCalendarIds);
    }
}
