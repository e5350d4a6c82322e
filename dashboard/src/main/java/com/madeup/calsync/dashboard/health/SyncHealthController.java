package com.madeup.calsync.dashboard.health;

import com.madeup.calsync.dashboard.account.CurrentUser;
import com.madeup.calsync.store.account.Calendar;
import com.madeup.calsync.store.account.CalendarRepository;
import com.madeup.calsync.store.account.ConnectionStatus;
import com.madeup.calsync.store.account.ProviderConnection;
import com.madeup.calsync.store.account.ProviderConnectionRepository;
import com.madeup.calsync.store.channel.CalendarSubscription;
import com.madeup.calsync.store.channel.SubscriptionStore;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /sync-health}: per connection and calendar, last sync and push channel expiry. */
@Controller
class SyncHealthController {

    private final ProviderConnectionRepository connections;
    private final CalendarRepository calendars;
    private final SubscriptionStore subscriptions;

    SyncHealthController(
            ProviderConnectionRepository connections, CalendarRepository calendars, SubscriptionStore subscriptions) {
        this.connections = connections;
        this.calendars = calendars;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/sync-health")
    String health(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<ConnectionHealth> health = connections.findByUserId(user.id()).stream()
                .map(connection -> {
                    List<CalendarSubscription> channels = subscriptions.findOpenByConnection(connection.id());
                    List<CalendarHealth> rows = calendars.findPicked(connection.id()).stream()
                            .map(calendar -> new CalendarHealth(calendar, channelExpiry(channels, calendar)))
                            .toList();
                    return new ConnectionHealth(connection, connection.status() == ConnectionStatus.NEEDS_REAUTH, rows);
                })
                .toList();
        model.addAttribute("connections", health);
        return "sync-health";
    }

    private static Instant channelExpiry(List<CalendarSubscription> channels, Calendar calendar) {
        return channels.stream()
                .filter(channel -> channel.providerCalendarIds().contains(calendar.providerCalendarId()))
                .map(CalendarSubscription::expiration)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    record ConnectionHealth(ProviderConnection connection, boolean needsReauth, List<CalendarHealth> calendars) {}

    record CalendarHealth(Calendar calendar, Instant channelExpiresAt) {}
}
